#pragma once

#include <QAbstractListModel>
#include <QFileInfoList>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

namespace fp {

/// A folder's subfolders and JPEG/PNG images, for importing photos from files when the
/// tablet has no camera (a touch-sized picker instead of a desktop file dialog).
class ImageFolderModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString folder READ folder WRITE setFolder NOTIFY folderChanged)
    Q_PROPERTY(bool canGoUp READ canGoUp NOTIFY folderChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY folderChanged)

  public:
    enum Role { NameRole = Qt::UserRole + 1, UrlRole, PathRole, IsFolderRole };
    Q_ENUM(Role)

    /// Starts in defaultFolder().
    explicit ImageFolderModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString folder() const { return m_folder; }
    void setFolder(const QString &folder);
    bool canGoUp() const;
    Q_INVOKABLE void goUp();
    /// Where a picker opens when nothing else is said: Pictures, else home. The app opens
    /// Settings.importDir (the --import-dir folder, else this).
    static QString defaultFolder();

  Q_SIGNALS:
    void folderChanged();

  private:
    QString m_folder;
    QFileInfoList m_entries;
};

} // namespace fp
