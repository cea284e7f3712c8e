// fieldproof-logbench [leaves]: the office log at scale (issue 13: a log of 100,000 leaves must
// give a head and proofs in well under 100 ms). Fills a fresh office.db's log with `leaves`
// leaves (default 100,000) in 500-leaf signed batches, then times: a cold start (the first
// proof, which loads every leaf hash into the memory tree), the newest signed head, the tree
// head, inclusion and consistency proofs (1000 random ones each, mean and worst), and one more
// signed single-leaf append. Numbers go to docs/performance.md.

#include "db/migrations.h"
#include "server/storage/officelog.h"
#include "server/storage/officeschema.h"

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <unistd.h>

using namespace fp;
using Clock_ = std::chrono::steady_clock;

namespace {

double msSince(Clock_::time_point t)
{
    return std::chrono::duration<double, std::milli>(Clock_::now() - t).count();
}

template <typename F> void timeMany(const char *what, int runs, F &&f)
{
    double total = 0;
    double worst = 0;
    for (int i = 0; i < runs; ++i) {
        const auto t = Clock_::now();
        f(i);
        const double ms = msSince(t);
        total += ms;
        worst = std::max(worst, ms);
    }
    std::printf("%-44s mean %8.3f ms  worst %8.3f ms  (%d runs)\n", what, total / runs, worst,
                runs);
}

InspectionLeaf leafNo(std::int64_t i)
{
    return InspectionLeaf{"inspection-" + std::to_string(i), "device-" + std::to_string(i % 97), 1,
                          merkle::sha256(std::to_string(i))};
}

} // namespace

int main(int argc, char **argv)
{
    const std::int64_t leaves = argc > 1 ? std::stoll(argv[1]) : 100000;
    const auto dir = std::filesystem::temp_directory_path() /
                     ("fieldproof-logbench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::array<unsigned char, 32> seed{};
    seed[0] = 7;
    const TreeHeadSigner signer(OfficeKey::fromSeed(seed), SystemClock::instance());
    {
        Database db(dir / "office.db");
        migrate(db, officeSchemaSteps(), "bench office");
        OfficeLog log(&signer);
        const auto t = Clock_::now();
        for (std::int64_t done = 0; done < leaves;) {
            Transaction tx(db);
            OfficeLog::Batch batch(log, db);
            for (int k = 0; k < 500 && done < leaves; ++k, ++done)
                batch.append(leafNo(done), "inspection-" + std::to_string(done), "2026-12-02");
            batch.seal();
            tx.commit();
            batch.keep();
        }
        std::printf("filled %lld leaves in 500-leaf signed batches: %.0f ms\n",
                    static_cast<long long>(leaves), msSince(t));
    }

    Database db(dir / "office.db");
    timeMany("cold start: load the tree + first proof", 5, [&](int) {
        OfficeLog fresh(&signer);
        fresh.consistency(db, leaves / 2, leaves);
    });
    OfficeLog log(&signer);
    log.refresh(db);
    std::mt19937_64 random(13);
    timeMany("newest signed tree head (SQLite read)", 1000, [&](int) { log.latestHead(db); });
    timeMany("inclusion proof, random leaf, full size", 1000, [&](int) {
        log.inclusion(db, std::int64_t(random() % std::uint64_t(leaves)), leaves);
    });
    timeMany("consistency proof, random old size", 1000, [&](int) {
        log.consistency(db, 1 + std::int64_t(random() % std::uint64_t(leaves - 1)), leaves);
    });
    timeMany("one signed single-leaf append (commit)", 20, [&](int i) {
        Transaction tx(db);
        OfficeLog::Batch batch(log, db);
        batch.append(leafNo(leaves + i), "extra", "2026-12-02");
        batch.seal();
        tx.commit();
        batch.keep();
    });
    std::filesystem::remove_all(dir);
    return 0;
}
