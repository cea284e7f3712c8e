#pragma once
// The lists the office publishes (DESIGN §1, seed §二 and §四(二)), shaped as tables with the
// Chinese column headers of the government portal.

#include "server/planio/tablewriter.h"
#include "server/storage/reportstore.h"

#include <optional>
#include <string_view>

namespace fp {

enum class PublishedList {
    Plan,
    Yellow,
    Red,
    ExcessEmission,
    SevereExcessEmission,
    Completed,
    Sealed
};

/// "plan", "yellow", "red", "excess-emission", "severe-excess-emission", "completed", "sealed".
std::optional<PublishedList> publishedListFromName(std::string_view name);
/// The names above, joined for a usage message.
std::string publishedListNames();

/// The list as of `today` ("YYYY-MM-DD"; decides which yellow cards are overdue).
Table buildList(ReportStore &store, PublishedList list, std::string_view today);

} // namespace fp
