#include "db/migrations.h"

namespace fp {

std::int64_t migrate(Database &db, std::span<const MigrationStep> steps, const std::string &what,
                     std::int64_t target)
{
    const auto latest = static_cast<std::int64_t>(steps.size());
    if (target < 0 || target > latest)
        target = latest;
    const std::int64_t before = db.userVersion();
    if (before > latest) {
        throw SchemaTooNewError(what + " has schema version " + std::to_string(before) +
                                " but this program knows only up to " + std::to_string(latest) +
                                "; update FieldProof before opening it");
    }
    for (std::int64_t v = before; v < target; ++v) {
        Transaction tx(db);
        steps[static_cast<std::size_t>(v)](db);
        db.setUserVersion(v + 1);
        tx.commit();
    }
    return before;
}

} // namespace fp
