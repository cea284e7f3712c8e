#include "photo/imagefoldermodel.h"

#include "models/rolenames.h"

#include <QDir>
#include <QStandardPaths>

namespace fp {

ImageFolderModel::ImageFolderModel(QObject *parent) : QAbstractListModel(parent)
{
    setFolder(defaultFolder());
}

QString ImageFolderModel::defaultFolder()
{
    const QString pictures = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    if (!pictures.isEmpty() && QDir(pictures).exists())
        return pictures;
    return QDir::homePath();
}

void ImageFolderModel::setFolder(const QString &folder)
{
    const QString path = QDir(folder).absolutePath();
    if (path == m_folder)
        return;
    beginResetModel();
    m_folder = path;
    QDir dir(m_folder);
    m_entries = dir.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name | QDir::IgnoreCase);
    m_entries += dir.entryInfoList({QStringLiteral("*.jpg"), QStringLiteral("*.jpeg"),
                                    QStringLiteral("*.JPG"), QStringLiteral("*.JPEG"),
                                    QStringLiteral("*.png"), QStringLiteral("*.PNG")},
                                   QDir::Files, QDir::Time);
    endResetModel();
    Q_EMIT folderChanged();
}

bool ImageFolderModel::canGoUp() const
{
    return !m_folder.isEmpty() && !QDir(m_folder).isRoot();
}

void ImageFolderModel::goUp()
{
    if (!canGoUp())
        return;
    QDir dir(m_folder);
    dir.cdUp();
    setFolder(dir.absolutePath());
}

int ImageFolderModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

QVariant ImageFolderModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QFileInfo &info = m_entries.at(index.row());
    switch (role) {
    case NameRole:
        return info.fileName();
    case UrlRole:
        return QUrl::fromLocalFile(info.absoluteFilePath());
    case PathRole:
        return info.absoluteFilePath();
    case IsFolderRole:
        return info.isDir();
    default:
        return {};
    }
}

QHash<int, QByteArray> ImageFolderModel::roleNames() const
{
    return roleNamesOf<Role>();
}

} // namespace fp
