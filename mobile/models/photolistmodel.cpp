#include "models/photolistmodel.h"

#include "app/appstore.h"
#include "platform/storeerror.h"
#include "text/labels.h"
#include "text/qtstrings.h"

#include <QDateTime>

namespace fp {

PhotoListModel::PhotoListModel(QObject *parent) : StoreListModel(parent, OnVisitChange)
{
    onLanguageChanged([this] {
        if (count() > 0)
            Q_EMIT dataChanged(index(0), index(count() - 1), {TagLabelRole});
    });
}

void PhotoListModel::setInspectionId(const QString &id)
{
    if (rebind(m_inspectionId, id))
        Q_EMIT scopeChanged();
}

void PhotoListModel::setCheckId(const QString &id)
{
    if (rebind(m_checkId, id))
        Q_EMIT scopeChanged();
}

void PhotoListModel::setAllPhotos(bool all)
{
    if (m_allPhotos == all)
        return;
    m_allPhotos = all;
    reload();
    Q_EMIT scopeChanged();
}

void PhotoListModel::reload()
{
    std::vector<Photo> photos;
    if (m_store && !m_inspectionId.isEmpty()) {
        try {
            const auto bundle =
                m_store->with([&](DeviceStore &s) { return s.bundle(ss(m_inspectionId)); });
            const auto wanted = optSs(m_checkId);
            for (const Photo &p : bundle.photos) {
                if (m_allPhotos || p.check_id == wanted)
                    photos.push_back(p);
            }
        } catch (const std::exception &e) {
            Q_EMIT failed(storeErrorText(e));
        }
    }
    if (photos == m_photos)
        return;
    beginResetModel();
    m_photos = std::move(photos);
    endResetModel();
    Q_EMIT countChanged();
}

int PhotoListModel::countWithTag(int tag) const
{
    return static_cast<int>(std::count_if(m_photos.begin(), m_photos.end(), [tag](const Photo &p) {
        return static_cast<int>(p.tag) == tag;
    }));
}

bool PhotoListModel::remove(int row)
{
    if (!m_store || row < 0 || row >= count())
        return false;
    const std::string id = m_photos[static_cast<std::size_t>(row)].id;
    try {
        m_store->with([&](DeviceStore &s) { s.removePhoto(id); });
    } catch (const std::exception &e) {
        Q_EMIT failed(storeErrorText(e));
        return false;
    }
    m_store->notifyInspectionChanged(m_inspectionId);
    return true;
}

QVariant PhotoListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Photo &p = m_photos[static_cast<std::size_t>(index.row())];
    switch (role) {
    case PhotoIdRole:
        return qs(p.id);
    case TagRole:
        return static_cast<int>(p.tag);
    case TagLabelRole:
        return labels::evidenceTag(p.tag);
    case UrlRole:
        return m_store ? m_store->blobUrl(qs(p.sha256)) : QUrl();
    case PhotoWidthRole:
        return p.width;
    case PhotoHeightRole:
        return p.height;
    case TakenAtRole: {
        const auto t = QDateTime::fromString(qs(p.taken_at), Qt::ISODateWithMs);
        const QString when = t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        if (p.source != PhotoSource::Imported)
            return when;
        return t.isValid() ? tr("Imported %1").arg(when) : tr("Imported, time unknown");
    }
    case CaptionRole:
        return qs(p.caption);
    case CheckIdRole:
        return qs(p.check_id.value_or(""));
    default:
        return {};
    }
}

} // namespace fp
