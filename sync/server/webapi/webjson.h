#pragma once
// The JSON the office web page reads: enterprises with their exit status and where they are,
// inspections with who sent them and when, cards with their deadlines.

#include "core/json.h"
#include "server/domain/progress.h"
#include "server/planio/tablewriter.h"
#include "server/storage/officestore.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace fp {

/// The enterprise's own location, else the mean of the positions recorded on its visits.
std::optional<Position> enterprisePosition(const Enterprise &e,
                                           const std::vector<OfficeInspection> &visits);

/// An inspection as the page shows it, with `rule_flags`: the work plan's rules (planrules.h) it
/// breaks against `planned`, the enterprise's items in the office's plan, and the enterprise's
/// name and credit code (empty when `enterprise` is null: it left the plan).
Json inspectionJson(const OfficeInspection &o, const Enterprise *enterprise,
                    const std::vector<Equipment> &planned);
Json cardJson(const Card &card, std::string_view today);

} // namespace fp
