#include "syncoffice.h"

#include "client/curltransport.h"
#include "client/enroller.h"
#include "protocol/blobpath.h"
#include "testdata.h"

#include <QTest>
#include <QUrl>

namespace fp::test {

bool SyncOffice::setUp(const QStringList &serveExtra)
{
    if (!m_tmp.isValid()) {
        m_error = "no temporary directory";
        return false;
    }
    const CliRun import = cli({"import-plan", samplePlan()});
    if (import.exitCode != 0) {
        m_error = "import-plan failed: " + import.err;
        return false;
    }
    const struct
    {
        const char *name;
        QStringList regions;
    } users[] = {{"zhang", {kMafeng, kBali}}, {"li", {kGanwang}}};
    for (const auto &u : users) {
        QStringList args{"user", "add", "--username", u.name, "--role", "inspector"};
        for (const QString &r : u.regions)
            args << "--region" << r;
        const CliRun run = cli(args, QByteArray(kPassword) + "\n");
        if (run.exitCode != 0) {
            m_error = "user add failed: " + run.err;
            return false;
        }
    }
    m_server = std::make_unique<ServerProcess>(dataDir());
    if (!m_server->start(serveExtra)) {
        m_error = m_server->errorText();
        return false;
    }
    return true;
}

std::uint16_t SyncOffice::port() const
{
    return static_cast<std::uint16_t>(QUrl(m_server->baseUrl()).port());
}

CliRun SyncOffice::cli(QStringList args, const QByteArray &input) const
{
    args << "--data" << dataDir();
    return runServerCli(args, input);
}

std::unique_ptr<DeviceStore>
SyncOffice::enrolDevice(const std::string &name, const std::string &username,
                        const std::optional<std::filesystem::path> &caFile)
{
    const std::string root = tempPath().toStdString() + "/" + name;
    auto store = std::make_unique<DeviceStore>(root + ".db", root + ".photos");
    TransportOptions options;
    options.base_url = baseUrl();
    options.ca_file = caFile;
    CurlTransport transport(options);
    try {
        enrollDevice(*store, transport,
                     EnrollInput{baseUrl(), caFile, username, kPassword, "test " + name});
    } catch (const std::exception &e) {
        QTest::qFail((std::string("enrolment failed: ") + e.what()).c_str(), __FILE__, __LINE__);
        return nullptr;
    }
    return store;
}

SyncReport SyncOffice::sync(DeviceStore &store, SyncOptions options, const std::string &url)
{
    const auto enrolment = loadEnrolment(store);
    TransportOptions transport = transportOptions(*enrolment, options.cancel);
    if (!url.empty())
        transport.base_url = url;
    CurlTransport curl(transport);
    // As the app and fieldproof-sync run it: files go up over extra connections too.
    if (!options.upload_transport)
        options.upload_transport = [transport] {
            return std::make_unique<CurlTransport>(transport);
        };
    return SyncEngine(store, curl, std::move(options)).run();
}

std::unique_ptr<Database> SyncOffice::officeDb() const
{
    return std::make_unique<Database>((dataDir() + "/office.db").toStdString());
}

std::filesystem::path SyncOffice::blobFile(const std::string &sha256) const
{
    return std::filesystem::path(dataDir().toStdString()) / "blobs" / blobRelativePath(sha256);
}

} // namespace fp::test
