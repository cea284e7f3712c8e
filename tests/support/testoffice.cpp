#include "testoffice.h"

#include "db/database.h"
#include "officedatabase.h"
#include "protocol/blobpath.h"
#include "testdata.h"

#include <QUrl>

namespace fp::test {

bool TestOffice::setUpOffice(const std::vector<OfficeAccount> &accounts, const char *password,
                             const QStringList &serveExtra)
{
    if (!m_tmp.isValid()) {
        m_error = "no temporary directory";
        return false;
    }
    m_error = importPlanAndAddAccounts(
        accounts, QByteArray(password),
        [this](const QStringList &args, const QByteArray &input) { return cli(args, input); });
    if (!m_error.isEmpty())
        return false;
    m_server = std::make_unique<ServerProcess>(dataDir());
    if (!m_server->start(serveExtra)) {
        m_error = m_server->errorText();
        return false;
    }
    return true;
}

std::uint16_t TestOffice::port() const
{
    return static_cast<std::uint16_t>(QUrl(m_server->baseUrl()).port());
}

CliRun TestOffice::cli(QStringList args, const QByteArray &input) const
{
    args << "--data" << dataDir() << officeDatabaseArgs(dataDir());
    return runServerCli(args, input);
}

std::unique_ptr<Database> TestOffice::officeDb() const
{
    if (const QString conninfo = officeDatabaseFor(dataDir()); !conninfo.isEmpty()) {
        const std::string name = "office-snapshot-" + std::to_string(++m_snapshots) + ".db";
        m_lastSnapshot = tempPath() + "/" + QString::fromStdString(name);
        return snapshotOfficeDatabase(conninfo, m_lastSnapshot.toStdString());
    }
    return std::make_unique<Database>((dataDir() + "/office.db").toStdString());
}

QString TestOffice::officeDbFile() const
{
    if (officeDatabaseFor(dataDir()).isEmpty())
        return dataDir() + "/office.db";
    officeDb(); // closed again at once: the whole snapshot is in its file
    return m_lastSnapshot;
}

std::filesystem::path TestOffice::blobFile(const std::string &sha256) const
{
    return std::filesystem::path(dataDir().toStdString()) / "blobs" / blobRelativePath(sha256);
}

std::int64_t scalar(Database &db, const std::string &sql)
{
    Statement s(db, sql);
    return s.step() ? s.integer(0) : 0;
}

std::string text(Database &db, const std::string &sql)
{
    Statement s(db, sql);
    return s.step() ? s.text(0) : std::string();
}

} // namespace fp::test
