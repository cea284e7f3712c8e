// fieldproof-sync run: one full sync, with progress and a one-line summary.

#include "client/curltransport.h"
#include "client/syncengine.h"
#include "client/syncerror.h"
#include "client/syncsettings.h"
#include "commands.h"
#include "progressprinter.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace fp::cli {

namespace {

// A signal handler can reach nothing but a static; the library itself only sees a pointer.
std::atomic<bool> g_interrupted{false};

extern "C" void onInterrupt(int)
{
    g_interrupted.store(true);
}

} // namespace

int runCommand(int argc, char **argv)
{
    const CliArgs args(argc, argv, 2, {"db", "photo-dir"},
                       {"retry-rejected", "records-only", "quiet"}, CliSyntax::Options);
    const std::string db = args.require("db");
    if (!std::filesystem::exists(db))
        throw Error("no device database at " + db + "; enrol first");
    DeviceStore store(db, photoDirFor(db, args.value("photo-dir")));
    const auto enrolment = loadEnrolment(store);
    if (!enrolment)
        throw SyncError("this device is not enrolled; run fieldproof-sync enroll first");

    struct sigaction action
    {
    };
    action.sa_handler = onInterrupt;
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);

    CurlTransport transport(transportOptions(*enrolment, &g_interrupted));
    ProgressPrinter printer(stderr, ::isatty(STDERR_FILENO));
    SyncOptions options;
    options.cancel = &g_interrupted;
    options.upload_transport = [&enrolment] {
        return std::make_unique<CurlTransport>(transportOptions(*enrolment, &g_interrupted));
    };
    options.push.retry_rejected = args.flag("retry-rejected");
    // On a metered link: send what has no files, keep the rest for a run with files.
    options.push.upload_files = !args.flag("records-only");
    if (!args.flag("quiet"))
        options.progress = [&printer](const SyncProgress &p) { printer.show(p); };
    SyncEngine engine(store, transport, options);
    try {
        const SyncReport report = engine.run();
        printer.finish();
        std::printf("sync: %s\n", summarize(report).c_str());
        for (const RejectedItem &r : report.rejected)
            std::printf("rejected: %s %s version %lld: %s: %s\n", r.type.c_str(), r.id.c_str(),
                        static_cast<long long>(r.version), r.code.c_str(), r.reason.c_str());
        if (!report.complete()) {
            std::fprintf(stderr,
                         "fieldproof-sync run: %lld items are still pending; see "
                         "fieldproof-sync status\n",
                         static_cast<long long>(report.items_left));
            return kExitIncomplete;
        }
        return kExitOk;
    } catch (const SyncError &) {
        printer.finish();
        throw; // main() prints the one line
    }
}

} // namespace fp::cli
