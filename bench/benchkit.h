#pragma once
// What the loopback benchmarks (fieldproof-syncbench, fieldproof-loadbench) share: the clock
// and the numbers of their tables, their command line's --work and --keep, the office they
// sync with, a device enrolled in it, and their main().

#include "cli/args.h"
#include "device/devicestore.h"

#include <chrono>
#include <exception>
#include <filesystem>
#include <functional>
#include <iostream>
#include <set>
#include <string>

namespace fp::bench {

using Steady = std::chrono::steady_clock;

/// Seconds from `start` until now.
double since(Steady::time_point start);
/// `value` with `decimals` digits after the point, for the report's tables.
std::string fixed(double value, int decimals);

/// The folder a benchmark works in (--work DIR; empty: a new one under /tmp) and whether it is
/// kept afterwards (--keep).
struct WorkOptions
{
    std::filesystem::path work;
    bool keep = false;
};

/// Parses the command line with the options in `values` (each takes a value) plus --work DIR
/// and --keep; `read` fills the benchmark's own options from it. A usage error also names
/// `usage`.
template <typename Options>
Options parseOptions(int argc, char **argv, std::set<std::string> values, const char *usage,
                     const std::function<void(const CliArgs &, Options &)> &read)
{
    values.insert("work");
    try {
        const CliArgs args(argc, argv, 1, values, {"keep"}, CliSyntax::Options);
        Options o;
        read(args, o);
        o.work = args.valueOr("work", "");
        o.keep = args.flag("keep");
        return o;
    } catch (const UsageError &e) {
        throw UsageError(std::string(e.what()) + "\n" + usage);
    }
}

/// The office in `work`/office: the plan sheet `work`/plan.csv (`enterprises` x
/// `perEnterprise` equipment rows in `region`) imported and one inspector `username` with
/// `password` for that region. Returns the seconds the import took.
double prepareOffice(const std::filesystem::path &work, const std::string &region, int enterprises,
                     int perEnterprise, const std::string &username, const std::string &password);

/// Enrols `store` with the office at `baseUrl` as a tablet does, named `deviceName`.
void enrollBenchDevice(DeviceStore &store, const std::string &baseUrl, const std::string &username,
                       const std::string &password, const std::string &deviceName);

/// The work folder: the one given, or a new one under /tmp named after `program`.
std::filesystem::path makeWorkFolder(const std::string &program,
                                     const std::filesystem::path &given);
/// Prints `report` and keeps it as `work`/results.md.
void publishReport(const std::string &report, const std::filesystem::path &work);
/// After a run, unless `keep`: a folder of its own goes, in a folder the user named only
/// `scratch` inside it (when not empty).
void cleanUpWork(const std::filesystem::path &work, bool ownWork, bool keep,
                 const std::string &scratch);

/// The main() of a benchmark named `program`: options from `parse` (WorkOptions among them),
/// `run` in the work folder, its Markdown report published, the folder cleaned up. After a
/// failure everything stays for a look at the server's log; the error is one line and the
/// exit status 1.
template <typename Options>
int benchMain(const std::string &program, int argc, char **argv, Options (*parse)(int, char **),
              std::string (*run)(const Options &), const std::string &scratch = {})
try {
    Options o = parse(argc, argv);
    const bool ownWork = o.work.empty();
    o.work = makeWorkFolder(program, o.work);
    publishReport(run(o), o.work); // the server has stopped when run returns
    cleanUpWork(o.work, ownWork, o.keep, scratch);
    return 0;
} catch (const std::exception &e) {
    std::cerr << program << ": " << e.what() << "\n";
    return 1;
}

} // namespace fp::bench
