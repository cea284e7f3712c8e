#pragma once
// The card lifecycle of the work plan (seed §二(二)2-5), by standard:
//   energy (节约能源法): rectify within 6 months; one extension of at most 3 months, on the
//     enterprise's application (its date and reason are recorded);
//   quality (产品质量法): rectify within 6 months, no extension;
//   safety (安全生产法): 立即停产停业整顿 until the review date the office sets, no extension;
//   environment: restriction or stop of production and the (severe) excess-emission lists, never
//     a yellow card; technology (淘汰类): 6 months, no extension.
// An open card past its deadline is overdue and flagged in the published lists. A yellow card
// closed by law produces the red-list entry, linked to it; a rectified card leaves the list.

#include "core/types.h"
#include "server/domain/officerecords.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fp {

/// The card as issued: dates checked, state open, and for a yellow card its deadline by
/// standard (above); `reviewOn` is the review date of a safety yellow card (required there,
/// on or after the issue date, refused elsewhere). Throws ValidationError for a bad date, a
/// missing review date or an environment yellow card.
Card issueCard(Card card, const std::optional<std::string> &reviewOn = {});

/// True when the standard allows one extension (energy yellow cards only).
bool isExtensible(const Card &card);

/// The card with its one extension to `newDeadline` on the enterprise's application of
/// `appliedOn` (on or before the deadline in force) for `reason` (not blank). The deadline must
/// fall after rectify_by and at most 3 months after it. Throws ValidationError otherwise (not
/// an energy yellow card, already extended, not open, bad date, too long).
Card extendCard(Card card, std::string_view newDeadline, std::string_view appliedOn,
                std::string_view reason);

/// The card in `state`. Throws ValidationError when the card already left the open state (a
/// rectified or closed card is history) or for a red or emission card moved to rectified. The
/// one way back is a rectification recorded by mistake: rectified -> open (see reopenedBy()).
Card changeCardState(Card card, CardState state);

/// Who may undo the rectification of a card: the account that recorded it (the last
/// "rectified" entry of `history`) or an admin. Throws ValidationError when the card's last
/// rectification is not in its history, and returns the account that recorded it.
std::string rectifiedBy(const std::vector<CardChange> &history);

/// The card withdrawn: it was issued by mistake. Kept with its history (the change records who,
/// when and `reason`), it leaves every list. Only an open card, or a red card, may be withdrawn
/// (a rectified card's story is complete; a yellow card closed by law is withdrawn through the
/// red card it produced). Throws ValidationError otherwise or for a blank reason.
Card withdrawCard(Card card, std::string_view reason);

/// The history action of a withdrawal: "withdrawn: <reason>" (card_history has no reason
/// column); withdrawalReason gives the reason back, or nothing for another action.
std::string withdrawalAction(std::string_view reason);
std::optional<std::string> withdrawalReason(std::string_view action);

/// The red-list entry that a yellow card closed by law produces: same enterprise, standard and
/// department, issued `today`, closed, linked to `yellow` through source_card_id.
Card redCardFor(const Card &yellow, std::string_view today, std::string id);

/// The deadline in force: the extension if there is one, else rectify_by.
std::optional<std::string> cardDeadline(const Card &card);

/// An open card whose deadline lies before `today` ("YYYY-MM-DD").
bool isCardOverdue(const Card &card, std::string_view today);

} // namespace fp
