#pragma once

#include "core/types.h"
#include "models/storelistmodel.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace fp {

/// The photos of a visit: all of them, or those of one equipment check, or (with an empty
/// checkId and allPhotos false) those of the visit as a whole.
class PhotoListModel : public fp::StoreListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString inspectionId READ inspectionId WRITE setInspectionId NOTIFY scopeChanged)
    Q_PROPERTY(QString checkId READ checkId WRITE setCheckId NOTIFY scopeChanged)
    Q_PROPERTY(bool allPhotos READ allPhotos WRITE setAllPhotos NOTIFY scopeChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

  public:
    enum Role {
        PhotoIdRole = Qt::UserRole + 1,
        TagRole,
        TagLabelRole,
        UrlRole,
        PhotoWidthRole, // not "width": a delegate has its own width and height
        PhotoHeightRole,
        TakenAtRole,
        CaptionRole,
        CheckIdRole,
    };
    Q_ENUM(Role)

    explicit PhotoListModel(QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role) const override;

    QString inspectionId() const { return m_inspectionId; }
    void setInspectionId(const QString &id);
    QString checkId() const { return m_checkId; }
    void setCheckId(const QString &id);
    bool allPhotos() const { return m_allPhotos; }
    void setAllPhotos(bool all);

    /// Number of photos with `tag` (Vocabulary::EvidenceTag) in this scope.
    Q_INVOKABLE int countWithTag(int tag) const;
    /// Deletes a photo of a draft visit.
    Q_INVOKABLE bool remove(int row);
    Q_INVOKABLE void reload() override;

  Q_SIGNALS:
    void scopeChanged();
    void countChanged();
    void failed(const QString &message);

  protected:
    int size() const override { return static_cast<int>(m_photos.size()); }
    bool reloadsFor(const QString &inspectionId) const override
    {
        return inspectionId == m_inspectionId;
    }

  private:
    QString m_inspectionId;
    QString m_checkId;
    bool m_allPhotos = false;
    std::vector<Photo> m_photos;
};

} // namespace fp
