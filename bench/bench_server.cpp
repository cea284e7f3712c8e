// Throughput of the office server over loopback (issue 3's closing note): push requests/s with
// 500-item batches, blob upload MB/s for one large streamed PUT, and the server's peak RSS.
// Not a test: run `fp_server_bench [batches] [blob-mb]` and read the numbers.

#include "apifixture.h"
#include "core/ids.h"
#include "core/sha256.h"
#include "testdata.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <algorithm>
#include <cstdio>
#include <random>

using namespace fp;
using namespace fp::test;

namespace {

long peakRssKb(qint64 pid)
{
    QFile status(QString("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const auto &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLong();
    }
    return -1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int batches = argc > 1 ? std::atoi(argv[1]) : 20;
    const int blobMb = argc > 2 ? std::atoi(argv[2]) : 200;

    ApiFixture office;
    if (!office.setUp({"--max-blob-mb", QString::number(blobMb + 1)})) {
        std::fprintf(stderr, "setup failed: %s\n", qPrintable(office.error()));
        return 1;
    }
    const EnrolledDevice device = office.enroll("zhang");
    const std::string enterprise = office.enterpriseId(ApiFixture::kTianchengCode);
    const std::string item = office.equipmentOf(enterprise).front();
    HttpClient http(office.baseUrl());
    http.setToken(device.token);

    // Push: every item a new draft inspection, so each one is decoded, checked and stored.
    std::vector<std::string> bodies;
    for (int b = 0; b < batches; ++b) {
        std::vector<Json> items;
        for (int i = 0; i < 500; ++i)
            items.push_back(pushItem(draftBundle(enterprise, item), 1));
        bodies.push_back(pushBody(device.id, items));
    }
    QElapsedTimer timer;
    timer.start();
    std::size_t bytes = 0;
    for (const auto &body : bodies) {
        const auto r = http.postJson("/api/v1/sync/push", body);
        if (r.status != 200) {
            std::fprintf(stderr, "push failed: %ld %s\n", r.status, r.body.c_str());
            return 1;
        }
        bytes += body.size();
    }
    const double pushSeconds = double(timer.nsecsElapsed()) / 1e9;
    std::printf("push: %d batches of 500 items (%.1f KiB each) in %.2f s: %.1f requests/s, "
                "%.0f items/s\n",
                batches, double(bytes) / batches / 1024, pushSeconds, batches / pushSeconds,
                batches * 500 / pushSeconds);

    // Re-push the same batches: all duplicates (the idempotent retry path).
    timer.restart();
    for (const auto &body : bodies)
        http.postJson("/api/v1/sync/push", body);
    const double dupSeconds = double(timer.nsecsElapsed()) / 1e9;
    std::printf("push (all duplicates): %.1f requests/s\n", batches / dupSeconds);

    // Blob: one streamed PUT of blobMb MiB.
    std::string blob(std::size_t(blobMb) * 1024 * 1024, '\0');
    std::mt19937_64 rng(42);
    for (std::size_t i = 0; i + 8 <= blob.size(); i += 8) {
        const auto v = rng();
        std::memcpy(blob.data() + i, &v, 8);
    }
    const std::string id = sha256Hex(blob);
    const long rssBefore = peakRssKb(office.server().pid());
    timer.restart();
    const auto put = http.put("/api/v1/blobs/" + id, blob);
    const double blobSeconds = double(timer.nsecsElapsed()) / 1e9;
    if (put.status != 201) {
        std::fprintf(stderr, "blob upload failed: %ld %s\n", put.status, put.body.c_str());
        return 1;
    }
    std::printf("blob: %d MiB in %.2f s: %.1f MB/s (incl. fsync and SHA-256 check)\n", blobMb,
                blobSeconds, blob.size() / 1e6 / blobSeconds);
    std::printf("server peak RSS: %ld KiB before the upload, %ld KiB after\n", rssBefore,
                peakRssKb(office.server().pid()));

    // Pull: a plan of ~50,000 equipment rows (the sample's rows repeated) onto an empty device.
    QFile sample(samplePlan());
    if (!sample.open(QIODevice::ReadOnly))
        return 1;
    const QList<QByteArray> lines = sample.readAll().split('\n');
    QByteArray big = lines.front() + '\n';
    int rows = 0;
    while (rows < 50000) {
        for (int i = 1; i < lines.size() && rows < 50000; ++i) {
            if (lines[i].trimmed().isEmpty())
                continue;
            big += lines[i] + '\n';
            ++rows;
        }
    }
    const QString bigFile = office.tempPath() + "/big-plan.csv";
    QFile out(bigFile);
    if (!out.open(QIODevice::WriteOnly) || out.write(big) != big.size())
        return 1;
    out.close();
    timer.restart();
    const CliRun import = office.cli({"import-plan", bigFile});
    std::printf("import-plan of %d rows: %.2f s (exit %d)\n", rows,
                double(timer.nsecsElapsed()) / 1e9, import.exitCode);
    HttpClient fresh(office.baseUrl());
    fresh.setToken(office.enroll("office").token);
    timer.restart();
    std::string cursor;
    std::size_t items = 0;
    int pages = 0;
    for (; pages < 1000; ++pages) {
        const auto r = fresh.get("/api/v1/sync/pull?limit=2000&cursor=" + cursor);
        const auto j = r.json();
        if (r.status != 200 || !j.is_object())
            return 1;
        items += j["items"].size();
        cursor = j["cursor"].get<std::string>();
        if (!j["more"].get<bool>())
            break;
    }
    const double pullSeconds = double(timer.nsecsElapsed()) / 1e9;
    std::vector<double> noops;
    for (int i = 0; i < 9; ++i) {
        timer.restart();
        fresh.get("/api/v1/sync/pull?cursor=" + cursor);
        noops.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(noops.begin(), noops.end());
    const double noop = noops[noops.size() / 2];
    std::printf("pull: %zu rows in %d pages in %.2f s (server side, parsed by the client); "
                "no-op re-pull %.1f ms (median of 9)\n",
                items, pages + 1, pullSeconds, noop);
    return office.server().stop() == 0 ? 0 : 1;
}
