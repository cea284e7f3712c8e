#pragma once
// The subcommands behind runCli; each takes the arguments after its name.

#include "server/blobs/datadir.h"
#include "server/cli/cli.h"
#include "server/domain/officekey.h"
#include "server/storage/officestore.h"

#include <memory>
#include <optional>
#include <string>

namespace fp {

class CliArgs;

class SqliteOfficeStore;

/// The data directory named by --data (default ./fieldproof-data), created and opened, and the
/// office database: on the PostgreSQL server --database names (else $FIELDPROOF_DATABASE), or
/// office.db in the data directory. Blobs and the office key stay in the data directory either
/// way (several servers on one database share it). The office key is made on the first open
/// (officekey.h). A database that cannot be reached: fp::Error naming its host, never the
/// password.
struct OpenData
{
    DataDir dir;
    std::unique_ptr<TreeHeadSigner> signer; // before the store, which signs with it
    std::unique_ptr<OfficeStore> store;
    SqliteOfficeStore *sqlite = nullptr; // the same store when it is office.db, else null
};
/// `databasePool`: connections to PostgreSQL at most (serve's --database-pool; the admin
/// commands use one).
OpenData openData(const CliArgs &args, int databasePool = 1);

/// The PostgreSQL connection string of --database, else of $FIELDPROOF_DATABASE (the packaged
/// unit's /etc/fieldproof/server.conf sets it); nothing for the SQLite store.
std::optional<std::string> databaseOption(const CliArgs &args);
/// Refuses, as wrong use in one line, a command that works on office.db itself (backup,
/// restore) when the office is on PostgreSQL; it points to PostgreSQL's own tools.
void requireSqliteStore(const CliArgs &args, const std::string &command);

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
