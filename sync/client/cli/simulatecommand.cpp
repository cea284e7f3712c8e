// fieldproof-sync simulate: fills a device database with finalised inspections and photos.

#include "client/simulate/simulator.h"
#include "commands.h"

#include <cstdio>

namespace fp::cli {

int simulateCommand(int argc, char **argv)
{
    const CliArgs args(argc, argv, 2,
                       {"db", "photo-dir", "inspections", "photos", "photo-bytes", "seed"},
                       {"fast", "no-signatures"}, CliSyntax::Options);
    const std::string db = args.require("db");
    sim::SimulateOptions options;
    options.inspections = static_cast<int>(args.integer("inspections", -1, 0, 10'000'000));
    if (options.inspections < 0)
        throw UsageError("--inspections is required");
    options.photos = static_cast<int>(args.integer("photos", 0, 0, 10'000'000));
    options.photo_bytes = args.integer("photo-bytes", options.photo_bytes, 1024, 1ll << 32);
    options.seed = static_cast<std::uint64_t>(args.integer("seed", 1, 0, INT64_MAX));
    options.acceptance_visits = !args.flag("no-signatures");

    DeviceStore store(db, photoDirFor(db, args.value("photo-dir")));
    if (args.flag("fast")) {
        // Test data only: each commit skips its fsync (WAL stays consistent after a crash,
        // though the last commits may be lost). Photo files are still written durably.
        store.setDurableCommits(false);
    }
    const sim::SimulateResult r = sim::Simulator(store, options).run();
    std::printf("simulated %d final inspections with %d photos (%lld bytes) and %d signatures\n",
                r.inspections, r.photos, static_cast<long long>(r.photo_bytes), r.signatures);
    return kExitOk;
}

} // namespace fp::cli
