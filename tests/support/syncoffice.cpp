#include "syncoffice.h"

#include "client/curltransport.h"
#include "client/enroller.h"
#include "client/simulate/simulator.h"

#include <QTest>

namespace fp::test {

void simulateVisits(DeviceStore &store, const std::string &inspector, int inspections, int photos,
                    std::uint64_t seed)
{
    sim::SimulateOptions options;
    options.inspections = inspections;
    options.photos = photos;
    options.photo_bytes = std::int64_t{8} * 1024;
    options.seed = seed;
    options.inspector = inspector;
    options.acceptance_visits = false;
    sim::Simulator(store, options).run();
}

bool SyncOffice::setUp(const QStringList &serveExtra)
{
    const std::vector<OfficeAccount> accounts{{"zhang", "inspector", {kMafeng, kBali}},
                                              {"li", "inspector", {kGanwang}}};
    return setUpOffice(accounts, kPassword, serveExtra);
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

std::unique_ptr<DeviceStore> SyncOffice::setUpWithDevice(const std::string &name,
                                                         const std::string &username)
{
    if (!setUp()) {
        QTest::qFail(qPrintable("the office did not start: " + error()), __FILE__, __LINE__);
        return nullptr;
    }
    return enrolDevice(name, username);
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

} // namespace fp::test
