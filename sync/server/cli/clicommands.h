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

int serveCommand(const std::vector<std::string> &args, CliContext &ctx);
int userCommand(const std::vector<std::string> &args, CliContext &ctx);
int deviceCommand(const std::vector<std::string> &args, CliContext &ctx);
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
