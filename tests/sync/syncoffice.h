#pragma once
// A fresh office for the sync client's integration tests: a temporary data directory with the
// sample plan and two inspectors (zhang: 马风镇 and 八里镇; li: 感王镇), the real
// fieldproof-server serving it on an ephemeral 127.0.0.1 port, and devices enrolled through
// the sync library itself.

#include "client/syncengine.h"
#include "client/syncsettings.h"
#include "db/database.h"
#include "device/devicestore.h"
#include "serverprocess.h"

#include <QTemporaryDir>

#include <memory>
#include <string>

namespace fp::test {

class SyncOffice
{
  public:
    static constexpr const char *kPassword = "sync test password";
    static constexpr const char *kMafeng = "马风镇";
    static constexpr const char *kBali = "八里镇";
    static constexpr const char *kGanwang = "感王镇";

    /// Builds the office and starts the server (with `serveExtra` arguments, e.g. TLS);
    /// false with the reason in error().
    bool setUp(const QStringList &serveExtra = {});
    QString error() const { return m_error; }

    QString dataDir() const { return m_tmp.path() + "/data"; }
    QString tempPath() const { return m_tmp.path(); }
    std::string baseUrl() const { return m_server->baseUrl().toStdString(); }
    std::uint16_t port() const;
    ServerProcess &server() { return *m_server; }

    /// Runs an admin command against this office's data directory (--data added).
    CliRun cli(QStringList args, const QByteArray &input = {}) const;

    /// A new device database under the temp folder, enrolled for `username` over libcurl.
    /// Fails the calling test (and returns null) when enrolment fails.
    std::unique_ptr<DeviceStore>
    enrolDevice(const std::string &name, const std::string &username,
                const std::optional<std::filesystem::path> &caFile = {});

    /// One sync of `store` over real libcurl to `url` (the server's own address when empty),
    /// with upload lanes to the same address unless `options` brings its own.
    SyncReport sync(DeviceStore &store, SyncOptions options = {}, const std::string &url = {});

    /// The office database, opened beside the running server (WAL: readers do not block it).
    std::unique_ptr<Database> officeDb() const;
    std::filesystem::path blobFile(const std::string &sha256) const;

  private:
    QTemporaryDir m_tmp;
    std::unique_ptr<ServerProcess> m_server;
    QString m_error;
};

} // namespace fp::test
