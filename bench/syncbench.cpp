// fieldproof-syncbench: the sync budgets of DESIGN §7 measured over loopback against the real
// fieldproof-server — a first pull of 50,000 equipment rows, a push of 10,000 items and 200
// photos of 1.5 MB beside plain curl moving the same bytes into a bare receiver, and no-op
// syncs on a small and on a full device. Prints a Markdown table for docs/performance.md.

#include "barereceiver.h"
#include "benchkit.h"
#include "childprocess.h"
#include "client/curltransport.h"
#include "client/simulate/simulator.h"
#include "client/syncengine.h"
#include "client/syncsettings.h"
#include "recordingtransport.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <limits>
#include <sstream>

using namespace fp;
using namespace fp::bench;
namespace fs = std::filesystem;

namespace {

struct Options : WorkOptions
{
    int items = 10000;
    int photos = 200;
    std::int64_t photo_bytes = std::int64_t{1536} * 1024;
    int pull_rows = 50000;
    int noop_runs = 20;
    int connections = 3; // files in flight at once during the push
};

std::string machine()
{
    std::ifstream cpu("/proc/cpuinfo");
    std::string line, model = "unknown CPU";
    while (std::getline(cpu, line)) {
        if (line.starts_with("model name")) {
            model = line.substr(line.find(':') + 2);
            break;
        }
    }
    std::ifstream mem("/proc/meminfo");
    std::string memory;
    std::getline(mem, memory);
    utsname u{};
    ::uname(&u);
    return model + ", " + std::to_string(::sysconf(_SC_NPROCESSORS_ONLN)) + " CPUs, " +
           memory.substr(memory.find_first_of("0123456789")) + " RAM, Linux " + u.release;
}

/// One sync as `fieldproof-sync run` makes it, upload lanes included; with `recording`, every
/// connection's requests are noted in it.
SyncReport syncOnce(DeviceStore &store, int connections, Recording *recording = nullptr)
{
    const Enrolment enrolment = *loadEnrolment(store);
    const auto open = [enrolment, recording]() -> std::unique_ptr<Transport> {
        auto curl = std::make_unique<CurlTransport>(transportOptions(enrolment));
        if (!recording)
            return curl;
        return std::make_unique<RecordingTransport>(std::move(curl), *recording);
    };
    SyncOptions options;
    options.upload_transport = open;
    options.upload_connections = connections;
    const std::unique_ptr<Transport> transport = open();
    return SyncEngine(store, *transport, options).run();
}

/// `runs` syncs with nothing to do, each with a new connection as `fieldproof-sync run` has.
std::pair<double, double> noOpSyncs(DeviceStore &store, int runs, std::int64_t &requests)
{
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        const auto start = Steady::now();
        const SyncReport r = syncOnce(store, 1);
        ms.push_back(since(start) * 1000);
        requests = std::max(requests, r.requests);
        if (r.rows_upserted + r.items_stored != 0)
            throw Error("a no-op sync moved data; the benchmark setup is wrong");
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms.back()};
}

/// Sends the files and bodies the sync sent, with the curl command-line tool, in one
/// invocation (one kept-alive connection, as the client has), to a bare receiver.
double curlBaseline(const Recording &recorded, const fs::path &work, std::int64_t &bytes)
{
    BareReceiver receiver;
    const fs::path bodies = work / "bodies";
    fs::create_directories(bodies);
    std::ofstream config(work / "curl.config");
    config << "silent\nshow-error\nnoproxy = \"*\"\nheader = \"Expect:\"\n";
    int n = 0;
    bytes = 0;
    for (const FileSlice &f : recorded.files()) {
        config << "url = \"" << receiver.baseUrl() << "/blob/" << n++ << "\"\n"
               << "upload-file = \"" << f.file.string() << "\"\noutput = \"/dev/null\"\n";
        bytes += f.length;
    }
    for (const std::string &body : recorded.bodies()) {
        const fs::path file = bodies / (std::to_string(n) + ".json");
        std::ofstream(file, std::ios::binary) << body;
        config << "url = \"" << receiver.baseUrl() << "/push/" << n++ << "\"\n"
               << "upload-file = \"" << file.string() << "\"\noutput = \"/dev/null\"\n";
        bytes += static_cast<std::int64_t>(body.size());
    }
    config.close();
    const auto start = Steady::now();
    runToCompletion({"/usr/bin/curl", "--config", (work / "curl.config").string()});
    const double seconds = since(start);
    if (receiver.bytesReceived() != bytes)
        throw Error("the bare receiver got " + std::to_string(receiver.bytesReceived()) +
                    " bytes, curl should have sent " + std::to_string(bytes));
    return seconds;
}

Options parse(int argc, char **argv)
{
    constexpr std::int64_t kMaxInt = std::numeric_limits<int>::max();
    return parseOptions<Options>(
        argc, argv, {"items", "photos", "photo-bytes", "pull-rows", "noop-runs", "connections"},
        "usage: fieldproof-syncbench [--items N] [--photos M] [--photo-bytes B] "
        "[--pull-rows R] [--noop-runs K] [--connections C] [--work DIR] [--keep]",
        [](const CliArgs &args, Options &o) {
            o.items = static_cast<int>(args.integer("items", o.items, 0, kMaxInt));
            o.photos = static_cast<int>(args.integer("photos", o.photos, 0, kMaxInt));
            o.photo_bytes = args.integer("photo-bytes", o.photo_bytes, 0, std::int64_t{1} << 40);
            o.pull_rows = static_cast<int>(args.integer("pull-rows", o.pull_rows, 0, kMaxInt));
            o.noop_runs = static_cast<int>(args.integer("noop-runs", o.noop_runs, 1, kMaxInt));
            o.connections =
                static_cast<int>(args.integer("connections", o.connections, 1, kMaxInt));
        });
}

/// Runs every measurement in `work` and returns the Markdown report.
std::string runBenchmark(const Options &o)
{
    const fs::path data = o.work / "office";
    std::ostringstream table;

    // The office: a plan of pull_rows equipment rows in one town, one inspector for it.
    const std::string region = "基准镇";
    const int perEnterprise = 10;
    const double importSeconds =
        prepareOffice(o.work, region, std::max(1, o.pull_rows / perEnterprise), perEnterprise,
                      "bench", "bench-password");
    std::cerr << "imported the plan in " << fixed(importSeconds, 1) << " s\n";
    ServerChild server(FIELDPROOF_SERVER_BIN, data.string(), (o.work / "server.log").string());

    DeviceStore store(o.work / "device.db", o.work / "device.db.photos");
    enrollBenchDevice(store, server.baseUrl(), "bench", "bench-password", "bench");

    // 1. First pull onto an empty device.
    auto start = Steady::now();
    const SyncReport pulled = syncOnce(store, o.connections);
    const double pullSeconds = since(start);
    std::int64_t equipment = 0;
    for (const Enterprise &e : store.enterprises())
        equipment += static_cast<std::int64_t>(store.equipmentOf(e.id).size());
    std::cerr << "pull: " << summarize(pulled) << "\n";

    // 2. No-op sync on a device holding the plan.
    std::int64_t noopRequests = 0;
    const auto [noopSmall, noopSmallMax] = noOpSyncs(store, o.noop_runs, noopRequests);

    // 3. Simulated evidence (not timed as sync): final inspections and real JPEG photos.
    start = Steady::now();
    store.setDurableCommits(false); // test data: skip the fsyncs
    sim::SimulateOptions sim;
    sim.inspections = o.items;
    sim.photos = o.photos;
    sim.photo_bytes = o.photo_bytes;
    sim.acceptance_visits = false; // exactly `items` items and `photos` files
    const sim::SimulateResult made = sim::Simulator(store, sim).run();
    store.setDurableCommits(true); // the sync runs as in the product
    std::cerr << "simulated " << made.inspections << " inspections and " << made.photos
              << " photos in " << fixed(since(start), 1) << " s\n";

    // 4. The push, recorded so that curl can send the same bytes.
    Recording recorder;
    start = Steady::now();
    const SyncReport pushed = syncOnce(store, o.connections, &recorder);
    const double pushSeconds = since(start);
    std::cerr << "push: " << summarize(pushed) << "\n";
    if (!pushed.complete())
        throw Error("the push did not complete");
    std::int64_t pushBodyBytes = 0;
    for (const std::string &b : recorder.bodies())
        pushBodyBytes += static_cast<std::int64_t>(b.size());

    std::int64_t curlBytes = 0;
    const double curlSeconds = curlBaseline(recorder, o.work, curlBytes);

    // 5. No-op sync on the full device (after pulling back the reviews of what was pushed).
    syncOnce(store, o.connections);
    std::int64_t noopRequestsFull = 0;
    const auto [noopFull, noopFullMax] = noOpSyncs(store, o.noop_runs, noopRequestsFull);

    const double mb = static_cast<double>(curlBytes) / (1024.0 * 1024.0);
    table << "machine: " << machine() << "\n\n"
          << "| measurement | result | budget (DESIGN §7) |\n|---|---|---|\n"
          << "| first pull onto an empty device | " << equipment << " equipment rows ("
          << pulled.rows_upserted << " rows in all, " << pulled.pull_pages << " pages) in "
          << fixed(pullSeconds, 2) << " s | 50,000 rows < 5 s |\n"
          << "| push, fieldproof-sync, " << o.connections << " upload connection"
          << (o.connections == 1 ? "" : "s") << " | " << pushed.items_stored << " items + "
          << pushed.blobs_uploaded << " files, " << fixed(mb, 1) << " MB, " << pushed.requests
          << " requests in " << fixed(pushSeconds, 2) << " s | |\n"
          << "| same bytes, plain curl into a bare receiver | "
          << recorder.files().size() + recorder.bodies().size() << " uploads, " << fixed(mb, 1)
          << " MB in " << fixed(curlSeconds, 2) << " s | |\n"
          << "| push ratio (sync / curl) | " << fixed(pushSeconds / curlSeconds, 1)
          << "x | <= 1.5x |\n"
          << "| no-op sync, device with the plan | median " << fixed(noopSmall, 1) << " ms, max "
          << fixed(noopSmallMax, 1) << " ms, " << noopRequests
          << " request | one round trip, < 100 ms |\n"
          << "| no-op sync, device with plan + " << o.items << " inspections | median "
          << fixed(noopFull, 1) << " ms, max " << fixed(noopFullMax, 1) << " ms, "
          << noopRequestsFull << " request | one round trip, < 100 ms |\n\n"
          << "where the push spent its time (waiting for answers, by request kind, summed over "
             "connections):\n\n"
          << "| request | count | seconds |\n|---|---|---|\n";
    for (const auto &[method, t] : recorder.timing())
        table << "| " << method << " | " << t.count << " | " << fixed(t.seconds, 2) << " |\n";
    table << "\npush bodies: " << recorder.bodies().size() << " batches, " << pushBodyBytes
          << " bytes; blob bytes sent: " << pushed.blob_bytes_sent << "\n";
    return table.str();
}

} // namespace

int main(int argc, char **argv)
{
    // The office, the device and the bodies are ~0.6 GB in a full run.
    return benchMain("fieldproof-syncbench", argc, argv, parse, runBenchmark, "bodies");
}
