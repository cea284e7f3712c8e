#pragma once
// Yellow-card deadlines (seed §二): rectify within 6 months of issue; one extension of at most
// 3 months; an open card past its deadline is overdue and flagged in the published lists.

#include "core/types.h"

#include <optional>
#include <string>
#include <string_view>

namespace fp {

/// The card as issued: dates checked, state open, and for a yellow card rectify_by set to
/// issued + 6 months. Throws ValidationError for a bad date.
Card issueCard(Card card);

/// The card with its one extension to `newDeadline`, which must fall after rectify_by and at
/// most 3 months after it. Throws ValidationError otherwise (not yellow, already extended,
/// not open, bad date, too long).
Card extendCard(Card card, std::string_view newDeadline);

/// The deadline in force: the extension if there is one, else rectify_by.
std::optional<std::string> cardDeadline(const Card &card);

/// An open card whose deadline lies before `today` ("YYYY-MM-DD").
bool isCardOverdue(const Card &card, std::string_view today);

} // namespace fp
