#pragma once
// The subcommands behind runCli; each takes the arguments after its name.

#include "server/blobs/datadir.h"
#include "server/cli/cli.h"
#include "server/storage/sqliteofficestore.h"

#include <memory>

namespace fp {

class CliArgs;

/// The data directory named by --data (default ./fieldproof-data), created and opened.
/// The office key is made on the first open (officekey.h).
struct OpenData
{
    DataDir dir;
    std::unique_ptr<TreeHeadSigner> signer; // before the store, which signs with it
    std::unique_ptr<SqliteOfficeStore> store;
};
OpenData openData(const CliArgs &args);

/// Who the command line acts as in the office journal and in the card and review histories:
/// "cli:<OS user>" ($USER, else $LOGNAME), or "cli" when neither is set.
std::string cliActor();
/// Appends one action of the command line to the office journal (journalstore.h);
/// `detailJson` is a JSON object's text.
void journalCli(JournalStore &journal, const CliContext &ctx, std::string kind, std::string target,
                std::string summary, std::string detailJson, std::string enterpriseId = {});

int serveCommand(const std::vector<std::string> &args, CliContext &ctx);
int userCommand(const std::vector<std::string> &args, CliContext &ctx);
int deviceCommand(const std::vector<std::string> &args, CliContext &ctx);
int enterpriseCommand(const std::vector<std::string> &args, CliContext &ctx);
int tipoffCommand(const std::vector<std::string> &args, CliContext &ctx);
int taskCommand(const std::vector<std::string> &args, CliContext &ctx);
int reviewCommand(const std::vector<std::string> &args, CliContext &ctx);
int cardCommand(const std::vector<std::string> &args, CliContext &ctx);
int importPlanCommand(const std::vector<std::string> &args, CliContext &ctx);
int exportCommand(const std::vector<std::string> &args, CliContext &ctx);
int demoCommand(const std::vector<std::string> &args, CliContext &ctx);
int logCommand(const std::vector<std::string> &args, CliContext &ctx);
int bundleCommand(const std::vector<std::string> &args, CliContext &ctx);
int backupCommand(const std::vector<std::string> &args, CliContext &ctx);
int restoreCommand(const std::vector<std::string> &args, CliContext &ctx);

} // namespace fp
