// Where fieldproof-sync finds a device database's photo folder.

#include "commands.h"

namespace fp::cli {

std::filesystem::path photoDirFor(const std::filesystem::path &db,
                                  const std::optional<std::string> &photoDir)
{
    if (photoDir && !photoDir->empty())
        return *photoDir;
    // Beside the database and named after it, so that several devices can share a folder.
    return std::filesystem::path(db.string() + ".photos");
}

} // namespace fp::cli
