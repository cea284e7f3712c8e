// fieldproof-loadbench: the server budgets of DESIGN §7 over loopback against the real
// fieldproof-server — N devices (default 100), each with its own device store, inspections and
// real JPEG photos, syncing at the same moment; then one 200 MB blob upload. The server's RSS
// is sampled from /proc throughout. Prints a Markdown table for docs/performance.md and exits
// non-zero when a device failed or the office does not hold every item exactly once.

#include "benchkit.h"
#include "childprocess.h"
#include "client/curltransport.h"
#include "client/simulate/simulator.h"
#include "client/syncengine.h"
#include "client/syncsettings.h"
#include "core/error.h"
#include "core/sha256.h"
#include "db/database.h"
#include "rsssampler.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <latch>
#include <limits>
#include <random>
#include <sstream>

using namespace fp;
using namespace fp::bench;
namespace fs = std::filesystem;

namespace {

struct Options : WorkOptions
{
    int devices = 100;
    int inspections = 20; // per device
    int photos = 4;       // per device
    std::int64_t photo_bytes = std::int64_t{300} * 1024;
    int big_mb = 200;
};

/// Passes requests on and keeps each one's latency.
class TimingTransport final : public Transport
{
  public:
    explicit TimingTransport(Transport &inner) : m_inner(inner) {}
    HttpResponse send(const HttpRequest &request) override
    {
        const auto start = Steady::now();
        HttpResponse response = m_inner.send(request);
        m_ms.push_back(since(start) * 1000);
        return response;
    }
    std::int64_t requestCount() const override { return m_inner.requestCount(); }
    const std::vector<double> &latencies() const { return m_ms; }

  private:
    Transport &m_inner;
    std::vector<double> m_ms;
};

struct DeviceRun
{
    std::vector<double> latencies;
    std::string error; // empty when the sync completed
    std::int64_t stored = 0;
};

/// Runs `fn(i)` for i in [0, n) on `threads` threads.
template <typename F> void parallelFor(int n, int threads, F fn)
{
    std::atomic<int> next{0};
    std::vector<std::thread> pool;
    pool.reserve(std::size_t(threads));
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([&] {
            for (int i; (i = next++) < n;)
                fn(i);
        });
    for (auto &t : pool)
        t.join();
}

std::int64_t scalar(Database &db, const std::string &sql)
{
    Statement s(db, sql);
    return s.step() ? s.integer(0) : -1;
}

/// A file of `mb` MiB of random bytes; returns its SHA-256.
std::string writeRandomFile(const fs::path &file, int mb)
{
    std::ofstream out(file, std::ios::binary);
    std::mt19937_64 rng(7);
    std::vector<std::uint64_t> block(1 << 17); // 1 MiB
    for (int i = 0; i < mb; ++i) {
        for (auto &w : block)
            w = rng();
        out.write(reinterpret_cast<const char *>(block.data()),
                  static_cast<std::streamsize>(block.size() * sizeof(std::uint64_t)));
    }
    out.close();
    return sha256File(file);
}

Options parse(int argc, char **argv)
{
    constexpr std::int64_t kMaxInt = std::numeric_limits<int>::max();
    return parseOptions<Options>(
        argc, argv, {"devices", "inspections", "photos", "photo-bytes", "big-mb"},
        "usage: fieldproof-loadbench [--devices 100] [--inspections 20] [--photos 4] "
        "[--photo-bytes 307200] [--big-mb 200] [--work DIR] [--keep]",
        [](const CliArgs &args, Options &o) {
            o.devices = static_cast<int>(args.integer("devices", o.devices, 1, kMaxInt));
            o.inspections =
                static_cast<int>(args.integer("inspections", o.inspections, 0, kMaxInt));
            o.photos = static_cast<int>(args.integer("photos", o.photos, 0, kMaxInt));
            o.photo_bytes = args.integer("photo-bytes", o.photo_bytes, 0, std::int64_t{1} << 40);
            o.big_mb = static_cast<int>(args.integer("big-mb", o.big_mb, 0, kMaxInt));
        });
}

std::string runBenchmark(const Options &o)
{
    const fs::path data = o.work / "office";
    prepareOffice(o.work, "负载镇", 200, 5, "load", "load-password");
    ServerChild server(FIELDPROOF_SERVER_BIN, data.string(), (o.work / "server.log").string(),
                       {"--max-blob-mb", std::to_string(o.big_mb + 16)});

    // Every device enrols, pulls the plan and records its day's evidence (not timed).
    auto start = Steady::now();
    std::vector<std::unique_ptr<DeviceStore>> stores(std::size_t(o.devices));
    parallelFor(o.devices, 2, [&](int i) {
        const fs::path db = o.work / ("device" + std::to_string(i) + ".db");
        auto store = std::make_unique<DeviceStore>(db, db.string() + ".photos");
        enrollBenchDevice(*store, server.baseUrl(), "load", "load-password",
                          "load device " + std::to_string(i));
        CurlTransport sync(transportOptions(*loadEnrolment(*store)));
        SyncEngine(*store, sync, SyncOptions{}).run();
        sim::SimulateOptions sim;
        sim.inspections = o.inspections;
        sim.photos = o.photos;
        sim.photo_bytes = o.photo_bytes;
        sim.seed = 1000 + std::uint64_t(i);
        sim.inspector = "load";
        sim.acceptance_visits = false; // exactly `photos` files per device
        sim::Simulator(*store, sim).run();
        stores[std::size_t(i)] = std::move(store);
    });
    std::cerr << "prepared " << o.devices << " devices in " << fixed(since(start), 1) << " s\n";

    // All devices at once.
    const MemoryStatus idle = memoryOf(server.pid());
    std::vector<DeviceRun> runs(std::size_t(o.devices));
    std::latch ready(o.devices + 1);
    std::vector<std::thread> threads;
    threads.reserve(std::size_t(o.devices));
    RssSampler loadRss(server.pid(), 20);
    for (int i = 0; i < o.devices; ++i)
        threads.emplace_back([&, i] {
            DeviceRun &run = runs[std::size_t(i)];
            DeviceStore &store = *stores[std::size_t(i)];
            CurlTransport curl(transportOptions(*loadEnrolment(store)));
            TimingTransport timing(curl);
            ready.arrive_and_wait();
            try {
                const SyncReport report = SyncEngine(store, timing, SyncOptions{}).run();
                run.stored = report.items_stored;
                if (!report.complete() || !report.rejected.empty())
                    run.error = summarize(report);
            } catch (const std::exception &e) {
                run.error = e.what();
            }
            run.latencies = timing.latencies();
        });
    ready.arrive_and_wait();
    start = Steady::now();
    for (auto &t : threads)
        t.join();
    const double loadSeconds = since(start);
    loadRss.stop();

    std::vector<double> latencies;
    int failed = 0;
    std::int64_t stored = 0;
    for (const DeviceRun &r : runs) {
        latencies.insert(latencies.end(), r.latencies.begin(), r.latencies.end());
        stored += r.stored;
        if (!r.error.empty()) {
            ++failed;
            std::cerr << "device failed: " << r.error << "\n";
        }
    }
    std::sort(latencies.begin(), latencies.end());
    const auto pct = [&](double p) {
        return latencies.empty() ? 0.0
                                 : latencies[std::min(latencies.size() - 1,
                                                      std::size_t(p * double(latencies.size())))];
    };

    // Exactly once at the office.
    Database office((data / "office.db").string());
    const std::int64_t held = scalar(office, "SELECT count(*) FROM inspection");
    const std::int64_t twice = scalar(
        office, "SELECT count(*) FROM (SELECT item_id, version FROM push_audit WHERE status = "
                "'stored' GROUP BY item_id, version HAVING count(*) > 1)");
    std::int64_t blobs = 0;
    for (const auto &e : fs::recursive_directory_iterator(data / "blobs"))
        blobs += e.is_regular_file() ? 1 : 0;
    const std::int64_t expected = std::int64_t(o.devices) * o.inspections;

    // One big upload: the server's memory must not grow with it.
    const fs::path big = o.work / "big.bin";
    const std::string sha = writeRandomFile(big, o.big_mb);
    const MemoryStatus beforeBig = memoryOf(server.pid());
    const std::string token = loadEnrolment(*stores.front())->token;
    RssSampler bigRss(server.pid(), 20);
    start = Steady::now();
    const std::string code = runToCompletion(
        {"/usr/bin/curl", "-sS", "--noproxy", "*", "-o", "/dev/null", "-w", "%{http_code}", "-T",
         big.string(), "-H", "Expect:", "-H", "Authorization: Bearer " + token,
         server.baseUrl() + "/api/v1/blobs/" + sha});
    const double bigSeconds = since(start);
    bigRss.stop();
    const MemoryStatus afterBig = memoryOf(server.pid());
    fs::remove(big);

    std::ostringstream t;
    t << "| measurement | result |\n|---|---|\n"
      << "| devices syncing at once | " << o.devices << " (each " << o.inspections
      << " final inspections, " << o.photos << " JPEGs of " << o.photo_bytes / 1024 << " KiB) |\n"
      << "| wall time of the burst | " << fixed(loadSeconds, 2) << " s |\n"
      << "| requests | " << latencies.size() << ", "
      << fixed(double(latencies.size()) / loadSeconds, 1) << " requests/s |\n"
      << "| request latency | p50 " << fixed(pct(0.50), 1) << " ms, p99 " << fixed(pct(0.99), 1)
      << " ms, max " << fixed(latencies.empty() ? 0 : latencies.back(), 1) << " ms |\n"
      << "| devices with an error | " << failed << " |\n"
      << "| items stored / expected | " << stored << " / " << expected << " (office holds " << held
      << " inspections; revisions stored twice: " << twice << ") |\n"
      << "| blobs at the office | " << blobs << " (expected " << o.devices * o.photos << ") |\n"
      << "| server RSS during the burst | idle " << idle.rss_kb / 1024 << " MiB, peak "
      << loadRss.peakRssKb() / 1024 << " MiB (" << loadRss.samples() << " samples) |\n"
      << "| one " << o.big_mb << " MiB upload | HTTP " << code << " in " << fixed(bigSeconds, 2)
      << " s |\n"
      << "| server RSS during that upload | before " << beforeBig.rss_kb / 1024 << " MiB, peak "
      << bigRss.peakRssKb() / 1024 << " MiB, after " << afterBig.rss_kb / 1024 << " MiB ("
      << bigRss.samples() << " samples); VmHWM over the whole run " << afterBig.hwm_kb / 1024
      << " MiB |\n";
    if (failed != 0 || held != expected || stored != expected || twice != 0 ||
        blobs != std::int64_t(o.devices) * o.photos + 0 || code != "201")
        throw Error("the load run failed its checks:\n" + t.str());
    return t.str();
}

} // namespace

int main(int argc, char **argv)
{
    return benchMain("fieldproof-loadbench", argc, argv, parse, runBenchmark);
}
