// fieldproof-provincebench (issue 18 item 4): M simulated devices (default 1,000) against a
// province on this machine: PostgreSQL, N fieldproof-server processes on it and nginx in front
// (tests/support/provincestack, the site file of deploy/), or one server on the SQLite office.
// Each device is a thread of a bounded pool with the real sync library over libcurl and its own
// small device store: enrol, first pull, a day's work (a few inspections with small JPEGs)
// pushed, then a few no-op syncs. Reports requests/s, p50/p99 latency per phase, errors, each
// server's peak RSS (from /proc) and PostgreSQL's connections (pg_stat_activity). With --kill
// one server is SIGKILLed mid-run and started again; the tablets retry through nginx. At the end
// every device is compared with the office as the kill campaign does (nothing lost, nothing
// twice). Not a test: no timed assertions; it exits non-zero when a check fails.
//   --base-url URL [--ca FILE] --username U --password P: an existing deployment instead (no
//   RSS, connection counts, kill or comparison).

#include "benchkit.h"
#include "client/curltransport.h"
#include "client/enroller.h"
#include "client/simulate/simulator.h"
#include "client/syncengine.h"
#include "client/syncsettings.h"
#include "core/error.h"
#include "provincestack.h"
#include "rsssampler.h"
#include "testdata.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <atomic>
#include <limits>
#include <mutex>
#include <sstream>
#include <thread>

using namespace fp;
using namespace fp::bench;
using fp::test::ProvinceAccount;
using fp::test::ProvinceOptions;
using fp::test::ProvinceStack;
namespace fs = std::filesystem;

namespace {

const QString kPassword = QStringLiteral("province bench password");

struct Options : WorkOptions
{
    int devices = 1000;
    int concurrency = 48;  // devices in flight at once
    int servers = 0;       // 0: 3 on PostgreSQL, 1 on SQLite
    int database_pool = 0; // each server's --database-pool; 0: the server's default
    bool postgresql = true;
    bool direct = false; // to the first server, not through nginx
    bool kill = false;
    int inspections = 3; // per device
    int photos = 3;      // per device
    std::int64_t photo_bytes = std::int64_t{24} * 1024;
    int noop = 3; // no-op syncs per device
    std::string base_url;
    std::string ca;
    std::string username;
    std::string password;
};

enum Phase { kEnrol, kFirstPull, kPush, kNoop, kPhases };
constexpr std::array<const char *, kPhases> kPhaseNames{"enrol", "first pull", "push of the day",
                                                        "no-op sync"};

/// What one phase cost over all devices: every request's latency and every device's time.
struct PhaseStats
{
    std::mutex mutex;
    std::vector<double> request_ms;
    std::vector<double> device_ms;
    int failures = 0; // runs that ended in an error (then repeated, as a tablet syncs again)
    std::int64_t retries = 0;
};

std::array<PhaseStats, kPhases> g_stats;

/// Passes requests on and keeps each one's latency for a phase; owns its inner transport when
/// it is one of the sync's extra upload connections.
class TimedTransport final : public Transport
{
  public:
    TimedTransport(std::unique_ptr<Transport> inner, Phase phase)
        : m_owned(std::move(inner)), m_inner(*m_owned), m_phase(phase)
    {
    }
    HttpResponse send(const HttpRequest &request) override
    {
        const auto start = Steady::now();
        HttpResponse response = m_inner.send(request);
        const double ms = since(start) * 1000;
        std::lock_guard lock(g_stats[m_phase].mutex);
        g_stats[m_phase].request_ms.push_back(ms);
        return response;
    }
    std::int64_t requestCount() const override { return m_inner.requestCount(); }

  private:
    std::unique_ptr<Transport> m_owned;
    Transport &m_inner;
    Phase m_phase;
};

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, std::size_t(p * double(v.size())))];
}

Options parse(int argc, char **argv)
{
    constexpr std::int64_t kMaxInt = std::numeric_limits<int>::max();
    return parseOptions<Options>(
        argc, argv,
        {"devices", "concurrency", "servers", "backend", "via", "inspections", "photos",
         "photo-bytes", "noop-syncs", "base-url", "ca", "username", "password", "kill",
         "database-pool"},
        "usage: fieldproof-provincebench [--devices 1000] [--concurrency 48] [--servers 3] "
        "[--backend postgresql|sqlite] [--database-pool N] [--via nginx|direct] [--kill yes] "
        "[--inspections 3] "
        "[--photos 3] [--photo-bytes 24576] [--noop-syncs 3] [--work DIR] [--keep]\n"
        "       fieldproof-provincebench --base-url URL [--ca FILE] --username U --password P "
        "[--devices …]",
        [](const CliArgs &args, Options &o) {
            o.devices = static_cast<int>(args.integer("devices", o.devices, 1, kMaxInt));
            o.concurrency = static_cast<int>(args.integer("concurrency", o.concurrency, 1, 1000));
            o.servers = static_cast<int>(args.integer("servers", o.servers, 1, 32));
            const std::string backend = args.valueOr("backend", "postgresql");
            if (backend != "postgresql" && backend != "sqlite")
                throw UsageError("--backend is postgresql or sqlite, not '" + backend + "'");
            o.postgresql = backend == "postgresql";
            o.database_pool =
                static_cast<int>(args.integer("database-pool", o.database_pool, 1, 100));
            if (o.database_pool > 0 && !o.postgresql)
                throw UsageError("--database-pool is for --backend postgresql");
            if (o.servers == 0)
                o.servers = o.postgresql ? 3 : 1;
            const std::string via = args.valueOr("via", "nginx");
            if (via != "nginx" && via != "direct")
                throw UsageError("--via is nginx or direct, not '" + via + "'");
            o.direct = via == "direct";
            o.kill = args.valueOr("kill", "no") == "yes";
            o.inspections =
                static_cast<int>(args.integer("inspections", o.inspections, 0, kMaxInt));
            o.photos = static_cast<int>(args.integer("photos", o.photos, 0, kMaxInt));
            o.photo_bytes = args.integer("photo-bytes", o.photo_bytes, 0, std::int64_t{1} << 30);
            o.noop = static_cast<int>(args.integer("noop-syncs", o.noop, 0, 100));
            o.base_url = args.valueOr("base-url", "");
            o.ca = args.valueOr("ca", "");
            o.username = args.valueOr("username", "");
            o.password = args.valueOr("password", "");
            if (!o.base_url.empty() && (o.username.empty() || o.password.empty()))
                throw UsageError("--base-url needs --username and --password");
            if (o.kill && (o.servers < 2 || o.direct || !o.base_url.empty()))
                throw UsageError("--kill yes needs nginx in front of at least 2 servers");
        });
}

/// One device from enrolment to its last no-op sync.
struct Device
{
    std::unique_ptr<DeviceStore> store;
    std::string error; // empty when every phase completed
};

/// How often a phase is tried before the device counts as failed (a tablet syncs again later).
constexpr int kRunsPerPhase = 4;

void runDevice(int index, Device &device, const Options &o, const fs::path &work,
               const std::string &baseUrl, const std::optional<fs::path> &ca,
               const std::string &username, const std::string &password)
{
    const fs::path db = work / "devices" / ("device" + std::to_string(index) + ".db");
    device.store = std::make_unique<DeviceStore>(db, db.string() + ".photos");
    DeviceStore &store = *device.store;

    const auto timed = [&](Phase phase, const std::function<std::string()> &step) {
        for (int run = 1; run <= kRunsPerPhase; ++run) {
            const auto start = Steady::now();
            std::string error;
            try {
                error = step();
            } catch (const std::exception &e) {
                error = e.what();
            }
            std::lock_guard lock(g_stats[phase].mutex);
            if (error.empty()) {
                g_stats[phase].device_ms.push_back(since(start) * 1000);
                return true;
            }
            ++g_stats[phase].failures;
            if (run == kRunsPerPhase)
                device.error = std::string(kPhaseNames[phase]) + ": " + error;
        }
        return false;
    };
    const auto syncOnce = [&](Phase phase) {
        return [&, phase]() -> std::string {
            TransportOptions transport = transportOptions(*loadEnrolment(store));
            TimedTransport curl(std::make_unique<CurlTransport>(transport), phase);
            SyncOptions options;
            options.upload_transport = [transport, phase]() -> std::unique_ptr<Transport> {
                return std::make_unique<TimedTransport>(std::make_unique<CurlTransport>(transport),
                                                        phase);
            };
            const SyncReport report = SyncEngine(store, curl, std::move(options)).run();
            {
                std::lock_guard lock(g_stats[phase].mutex);
                g_stats[phase].retries += report.retries;
            }
            if (!report.complete() || !report.rejected.empty())
                return summarize(report);
            return {};
        };
    };

    const bool enrolled = timed(kEnrol, [&]() -> std::string {
        TransportOptions transport;
        transport.base_url = baseUrl;
        transport.ca_file = ca;
        TimedTransport curl(std::make_unique<CurlTransport>(transport), kEnrol);
        enrollDevice(store, curl,
                     EnrollInput{baseUrl, ca, username, password,
                                 "province bench " + std::to_string(index)});
        return {};
    });
    if (!enrolled || !timed(kFirstPull, syncOnce(kFirstPull)))
        return;
    sim::SimulateOptions day;
    day.inspections = o.inspections;
    day.photos = o.photos;
    day.photo_bytes = o.photo_bytes;
    day.seed = 18000 + std::uint64_t(index);
    day.inspector = username;
    day.acceptance_visits = false;
    sim::Simulator(store, day).run();
    if (!timed(kPush, syncOnce(kPush)))
        return;
    for (int i = 0; i < o.noop; ++i)
        if (!timed(kNoop, syncOnce(kNoop)))
            return;
}

std::string runBenchmark(const Options &o)
{
    fs::create_directories(o.work / "devices");
    const bool external = !o.base_url.empty();
    std::unique_ptr<ProvinceStack> stack;
    std::string baseUrl = o.base_url;
    std::optional<fs::path> ca;
    if (!o.ca.empty())
        ca = fs::absolute(o.ca);
    std::vector<ProvinceAccount> accounts;
    if (!external) {
        ProvinceOptions po;
        po.servers = o.servers;
        po.postgresql = o.postgresql;
        po.nginxWorkers = 2;
        po.databasePool = o.database_pool;
        stack = std::make_unique<ProvinceStack>(po);
        if (const QString why = stack->skipReason(); !why.isEmpty())
            throw Error(why.toStdString());
        // One inspector per town of the sample plan; device i works for inspector i mod towns.
        std::vector<QString> towns = test::samplePlanRegions();
        std::sort(towns.begin(), towns.end());
        towns.erase(std::unique(towns.begin(), towns.end()), towns.end());
        for (std::size_t i = 0; i < towns.size(); ++i)
            accounts.push_back({"insp" + QString::number(i), "inspector", {towns[i]}});
        const auto start = Steady::now();
        if (!stack->start(accounts, kPassword))
            throw Error("the province did not start: " + stack->errorText().toStdString());
        std::cerr << "province up in " << fixed(since(start), 1) << " s: " << stack->serverCount()
                  << " server(s) on " << (o.postgresql ? "PostgreSQL" : "SQLite") << "\n";
        if (o.direct) {
            baseUrl = "http://127.0.0.1:" + std::to_string(stack->server(0).port());
        } else {
            baseUrl = stack->baseUrl().toStdString();
            ca = stack->caFile().toStdString();
        }
    }

    std::vector<Device> devices(std::size_t(o.devices));
    std::atomic<int> next{0};
    std::atomic<int> done{0};
    std::vector<std::thread> pool;
    const auto start = Steady::now();
    for (int t = 0; t < std::min(o.concurrency, o.devices); ++t)
        pool.emplace_back([&] {
            for (int i; (i = next++) < o.devices;) {
                const std::string user =
                    external ? o.username
                             : accounts[std::size_t(i) % accounts.size()].name.toStdString();
                runDevice(i, devices[std::size_t(i)], o, o.work, baseUrl, ca, user,
                          external ? o.password : kPassword.toStdString());
                ++done;
            }
        });

    // The main thread watches: each server's RSS, PostgreSQL's connections, and the kill.
    const int servers = stack ? stack->serverCount() : 0;
    std::vector<std::int64_t> peakKb(std::size_t(servers), 0);
    int peakConnections = 0;
    bool killed = false;
    double killedAt = 0;
    double restartedAt = 0;
    const int killServer = servers > 1 ? 1 : 0;
    int samples = 0;
    while (done < o.devices) {
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
        ++samples;
        for (int s = 0; s < servers; ++s)
            if (stack->server(s).isRunning())
                peakKb[std::size_t(s)] = std::max(peakKb[std::size_t(s)],
                                                  memoryOf(pid_t(stack->server(s).pid())).rss_kb);
        if (stack && o.postgresql && samples % 4 == 0)
            peakConnections = std::max(peakConnections, stack->databaseConnections());
        if (o.kill && !killed && done >= o.devices / 3) {
            stack->server(killServer).kill();
            killedAt = since(start);
            killed = true;
            std::cerr << "SIGKILLed server " << killServer << " at " << fixed(killedAt, 1)
                      << " s\n";
            std::this_thread::sleep_for(std::chrono::seconds(2));
            if (!stack->server(killServer).start())
                throw Error("the killed server did not start again: " +
                            stack->server(killServer).errorText().toStdString());
            restartedAt = since(start);
            std::cerr << "started it again at " << fixed(restartedAt, 1) << " s\n";
        }
    }
    for (auto &t : pool)
        t.join();
    const double wall = since(start);

    // Nothing lost, nothing twice: every device against the office.
    int failedDevices = 0;
    int mismatches = 0;
    std::string firstMismatch;
    for (const Device &d : devices)
        if (!d.error.empty()) {
            if (failedDevices++ < 5)
                std::cerr << "device failed: " << d.error << "\n";
        }
    std::int64_t officeInspections = -1;
    if (stack) {
        auto office = stack->officeRows();
        for (const Device &d : devices) {
            if (!d.store || !d.error.empty())
                continue;
            const QString difference =
                test::compareDeviceWithOffice(*d.store, *office, stack->blobsDir());
            if (!difference.isEmpty() && mismatches++ == 0)
                firstMismatch = difference.toStdString();
        }
        const auto rows = office->rows("SELECT count(*) FROM inspection", {}, 1);
        officeInspections = rows.empty() ? -1 : std::stoll(rows[0][0]);
    }

    std::int64_t requests = 0;
    for (auto &p : g_stats)
        requests += std::int64_t(p.request_ms.size());
    std::ostringstream t;
    t << "| " << o.devices << " devices, " << (o.concurrency) << " at once | "
      << (external ? baseUrl
                   : std::to_string(servers) + (servers == 1 ? " server" : " servers") +
                         (o.postgresql ? " on PostgreSQL" : " on SQLite") +
                         (o.postgresql && o.database_pool > 0
                              ? " (--database-pool " + std::to_string(o.database_pool) + ")"
                              : std::string()) +
                         (o.direct ? ", direct" : " behind nginx (TLS)"))
      << (o.kill ? ", one server SIGKILLed mid-run" : "") << " |\n|---|---|\n";
    t << "| wall time | " << fixed(wall, 1) << " s |\n";
    t << "| requests | " << requests << ", " << fixed(double(requests) / wall, 1)
      << " requests/s |\n";
    for (int p = 0; p < kPhases; ++p) {
        PhaseStats &s = g_stats[std::size_t(p)];
        t << "| " << kPhaseNames[std::size_t(p)] << " | " << s.device_ms.size()
          << " done; request p50 " << fixed(percentile(s.request_ms, 0.5), 1) << " ms, p99 "
          << fixed(percentile(s.request_ms, 0.99), 1) << " ms; per device p50 "
          << fixed(percentile(s.device_ms, 0.5), 0) << " ms, p99 "
          << fixed(percentile(s.device_ms, 0.99), 0) << " ms; runs failed " << s.failures
          << ", request retries " << s.retries << " |\n";
    }
    t << "| devices that never completed | " << failedDevices << " |\n";
    if (stack) {
        t << "| server peak RSS | ";
        for (int s = 0; s < servers; ++s)
            t << (s ? ", " : "") << peakKb[std::size_t(s)] / 1024 << " MiB";
        t << " |\n";
        if (o.postgresql)
            t << "| PostgreSQL connections to the office database (peak) | " << peakConnections
              << " |\n";
        if (o.kill)
            t << "| kill | server " << killServer << " SIGKILLed at " << fixed(killedAt, 1)
              << " s, serving again at " << fixed(restartedAt, 1) << " s |\n";
        t << "| office vs devices | " << mismatches << " devices differ"
          << (firstMismatch.empty() ? "" : " (first: " + firstMismatch + ")") << "; office holds "
          << officeInspections << " inspections, expected "
          << std::int64_t(o.devices) * o.inspections << " |\n";
    }
    if (stack && !stack->stop())
        std::cerr << "the province did not stop cleanly\n";
    if (failedDevices != 0 || mismatches != 0 ||
        (stack && officeInspections != std::int64_t(o.devices) * o.inspections))
        throw Error("the province run failed its checks:\n" + t.str());
    return t.str();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv); // QProcess (the province's children) wants one
    return benchMain("fieldproof-provincebench", argc, argv, parse, runBenchmark, "devices");
}
