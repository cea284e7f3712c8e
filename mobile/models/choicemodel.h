#pragma once

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace fp {

/// The values of one vocabulary with their translated labels, for pickers and button rows.
class ChoiceModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(Domain domain READ domain WRITE setDomain NOTIFY domainChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY domainChanged)
    /// Every label in value order (for ComboBox models); changes with the language.
    Q_PROPERTY(QStringList labels READ labels NOTIFY labelsChanged)
    /// The "any" entry of a filter ("All visit kinds"), put before the labels in `options`.
    Q_PROPERTY(QString anyText MEMBER m_anyText NOTIFY labelsChanged)
    /// anyText then every label: option i + 1 is value i.
    Q_PROPERTY(QStringList options READ options NOTIFY labelsChanged)

  public:
    enum Domain { Findings, EvidenceTags, VisitKinds, Verdicts, SignerRoles };
    Q_ENUM(Domain)
    enum Role { ValueRole = Qt::UserRole + 1, LabelRole };
    Q_ENUM(Role)

    explicit ChoiceModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    Domain domain() const { return m_domain; }
    void setDomain(Domain domain);
    /// The label of `value`, or an empty string.
    Q_INVOKABLE QString labelOf(int value) const;
    QStringList labels() const;
    QStringList options() const { return QStringList{m_anyText} + labels(); }

  Q_SIGNALS:
    void domainChanged();
    void labelsChanged();

  private:
    Domain m_domain = Findings;
    QString m_anyText;
};

} // namespace fp
