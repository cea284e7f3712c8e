#include "server/cli/cli.h"

#include "cli/args.h"
#include "server/cli/clicommands.h"

#include <functional>
#include <map>
#include <ostream>

namespace fp {

namespace {

constexpr const char *kUsage =
    "usage: fieldproof-server COMMAND [options]\n"
    "  (every command that takes --data also takes --database postgresql://USER@HOST/DB, or reads "
    "FIELDPROOF_DATABASE: the office database on PostgreSQL; blobs and office.key stay in "
    "--data; backup and restore are for the SQLite office.db only)\n"
    "  serve [--data DIR] [--database CONNINFO] [--listen HOST:PORT] [--tls-cert FILE --tls-key "
    "FILE] "
    "[--max-blob-mb N] [--io-timeout-s S] [--session-seconds S] [--database-pool N]\n"
    "  user add --data DIR --username U --role inspector|office|admin [--region NAME]... "
    "[--enterprise CREDIT_CODE]... [--department economy|environment|market|safety|region]   "
    "(password on stdin)\n"
    "  user department --data DIR --username U --department "
    "none|economy|environment|market|safety|region\n"
    "  user scope --data DIR --username U [--region NAME]... [--enterprise CREDIT_CODE]...\n"
    "  device list --data DIR\n"
    "  device revoke --data DIR DEVICE_ID\n"
    "  device chain --data DIR   (each device's signed statements: missing seqs, gaps, forks)\n"
    "  review accept --data DIR INSPECTION_ID\n"
    "  review return --data DIR INSPECTION_ID --reason TEXT\n"
    "  import-plan --data DIR FILE.csv [--skip-bad-rows]\n"
    "  enterprise add --data DIR --credit-code CODE --name NAME --region NAME [--industry T] "
    "[--address T] [--legal-representative T] [--contact-phone T] [--lat DEG --lon DEG]   "
    "(outside the plan)\n"
    "  tipoff add --data DIR --received-on DATE --channel phone|letter|web|media --content TEXT "
    "--enterprise CREDIT_CODE [--contact T]\n"
    "  tipoff list --data DIR\n"
    "  export --data DIR plan|yellow|red|excess-emission|severe-excess-emission|completed "
    "--format csv|xlsx --out FILE [--today YYYY-MM-DD]\n"
    "  task add --data DIR --enterprise CREDIT_CODE --kind survey|exit|acceptance|recheck "
    "--due DATE --inspector U...\n"
    "  task remove --data DIR TASK_ID\n"
    "  card add --data DIR --enterprise CREDIT_CODE --standard "
    "energy|environment|quality|safety|technology --level "
    "yellow|red|excess_emission|severe_excess_emission --department NAME --issued DATE\n"
    "  card extend --data DIR CARD_ID --to DATE\n"
    "  card state --data DIR CARD_ID --state open|rectified|closed_by_law\n"
    "  demo --data DIR [--plan FILE]\n"
    "  log verify --data DIR\n"
    "  bundle --data DIR --enterprise ID|CREDIT_CODE --out FILE.zip   (evidence for "
    "fieldproof-verify)\n"
    "  backup --data DIR --to DEST   (online: safe while the server serves)\n"
    "  backup verify --from DEST\n"
    "  restore --from DEST --data DIR [--force]   (verifies first; gives the office a new "
    "epoch)\n";

} // namespace

int runCli(const std::vector<std::string> &args, CliContext &ctx)
{
    using Command = std::function<int(const std::vector<std::string> &, CliContext &)>;
    static const std::map<std::string, Command> commands = {
        {"serve", serveCommand},   {"user", userCommand},
        {"device", deviceCommand}, {"import-plan", importPlanCommand},
        {"export", exportCommand}, {"task", taskCommand},
        {"card", cardCommand},     {"demo", demoCommand},
        {"review", reviewCommand}, {"log", logCommand},
        {"backup", backupCommand}, {"restore", restoreCommand},
        {"bundle", bundleCommand}, {"enterprise", enterpriseCommand},
        {"tipoff", tipoffCommand},
    };
    if (args.empty() || args.front() == "--help" || args.front() == "help") {
        (args.empty() ? ctx.err : ctx.out) << kUsage;
        return args.empty() ? 2 : 0;
    }
    const auto it = commands.find(args.front());
    try {
        if (it == commands.end())
            throw UsageError("unknown command '" + args.front() + "'; run with --help");
        return it->second(std::vector<std::string>(args.begin() + 1, args.end()), ctx);
    } catch (const UsageError &e) {
        ctx.err << "fieldproof-server: " << e.what() << '\n';
        return 2;
    } catch (const std::exception &e) {
        ctx.err << "fieldproof-server: " << e.what() << '\n';
        return 1;
    }
}

} // namespace fp
