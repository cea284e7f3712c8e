#pragma once
// import-plan: a survey-phase plan sheet into the office store, keyed by natural keys so that
// importing the same sheet again changes nothing (and feeds no change to devices).

#include "core/clock.h"
#include "server/planio/plansheet.h"
#include "server/storage/planstore.h"

#include <string>
#include <string_view>
#include <vector>

namespace fp {

/// What an import did, and the rows it could not read.
struct PlanImportReport
{
    std::vector<PlanRowError> errors;
    /// Rows imported as they are that break a rule of the work plan: a 中频炉 or 工频炉 that
    /// the sheet lets seal (the 地条钢 rule: 依法全面拆除; only dismantling counts for it).
    std::vector<PlanRowError> warnings;
    std::size_t rows_read = 0;
    bool imported = false;
    PlanImportCounts counts;
};

/// An equipment line's natural key: credit code, kind, spec, capacity and the ordinal among
/// identical lines of that enterprise in the sheet, e.g. "91210381...|反射窑|Φ2.5m|2.9 万吨/年|2".
std::string equipmentNaturalKey(const PlanRow &row, int ordinal);

/// The store's entries for `rows`, with fresh ids (used only for rows not yet stored). An
/// enterprise's details come from its first row in the sheet.
std::vector<PlanEntry> planEntries(const std::vector<PlanRow> &rows, const Clock &clock);

/// Parses `bytes` and upserts what it holds. When any row is bad nothing is imported, unless
/// `skipBadRows`, which imports the good rows. Throws ValidationError for an unusable file.
PlanImportReport importPlanSheet(PlanStore &store, std::string_view bytes, bool skipBadRows,
                                 const Clock &clock);

/// "line N: reason" for a report line.
std::string describe(const PlanRowError &error);

} // namespace fp
