#pragma once

#include "app/storebinding.h"
#include "core/types.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace fp {

/// The photos of a visit: all of them, or those of one equipment check, or (with an empty
/// checkId and allPhotos false) those of the visit as a whole.
class PhotoListModel : public QAbstractListModel, public StoreBinding<PhotoListModel>
{
    Q_OBJECT
    Q_MOC_INCLUDE("app/appstore.h")
    QML_ELEMENT
    Q_PROPERTY(fp::AppStore *store READ store WRITE setStore NOTIFY storeChanged)
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
        WidthRole,
        HeightRole,
        TakenAtRole,
        CaptionRole,
        CheckIdRole,
    };
    Q_ENUM(Role)

    explicit PhotoListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString inspectionId() const { return m_inspectionId; }
    void setInspectionId(const QString &id);
    QString checkId() const { return m_checkId; }
    void setCheckId(const QString &id);
    bool allPhotos() const { return m_allPhotos; }
    void setAllPhotos(bool all);
    int count() const { return static_cast<int>(m_photos.size()); }

    /// Number of photos with `tag` (Vocabulary::EvidenceTag) in this scope.
    Q_INVOKABLE int countWithTag(int tag) const;
    /// Deletes a photo of a draft visit.
    Q_INVOKABLE bool remove(int row);
    Q_INVOKABLE void reload();

  Q_SIGNALS:
    void storeChanged();
    void scopeChanged();
    void countChanged();
    void failed(const QString &message);

  private:
    friend class StoreBinding<PhotoListModel>;
    bool reloadsFor(const QString &inspectionId) const { return inspectionId == m_inspectionId; }
    QString m_inspectionId;
    QString m_checkId;
    bool m_allPhotos = false;
    std::vector<Photo> m_photos;
};

} // namespace fp
