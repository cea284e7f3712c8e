#pragma once

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace fp {

/// The values of one vocabulary with their translated labels, for pickers and button rows.
class ChoiceModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(Vocabulary vocabulary READ vocabulary WRITE setVocabulary NOTIFY vocabularyChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY vocabularyChanged)
    /// Every label in value order (for ComboBox models); changes with the language.
    Q_PROPERTY(QStringList labels READ labels NOTIFY labelsChanged)

public:
    enum Vocabulary { Findings, EvidenceTags, VisitKinds, Verdicts, SignerRoles };
    Q_ENUM(Vocabulary)
    enum Role { ValueRole = Qt::UserRole + 1, LabelRole };
    Q_ENUM(Role)

    explicit ChoiceModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    Vocabulary vocabulary() const { return m_vocabulary; }
    void setVocabulary(Vocabulary vocabulary);
    /// The label of `value`, or an empty string.
    Q_INVOKABLE QString labelOf(int value) const;
    QStringList labels() const;

Q_SIGNALS:
    void vocabularyChanged();
    void labelsChanged();

private:
    Vocabulary m_vocabulary = Findings;
};

} // namespace fp
