#include "server/domain/carddeadline.h"

#include "core/enums.h"
#include "core/error.h"
#include "core/validation.h"

#include <algorithm>

namespace fp {

Card issueCard(Card card, const std::optional<std::string> &reviewOn)
{
    if (!isValidDate(card.issued_on))
        throw ValidationError("issued: '" + card.issued_on + "' is not a date (YYYY-MM-DD)");
    if (card.department.empty())
        throw ValidationError("department: the issuing department is required");
    card.state = CardState::Open;
    card.extended_to.reset();
    card.rectify_by.reset();
    card.extension_applied_on.reset();
    card.extension_reason.reset();
    const bool safetyYellow =
        card.level == CardLevel::Yellow && card.standard == CardStandard::Safety;
    if (reviewOn && !safetyYellow)
        throw ValidationError(
            "review_on: only a safety yellow card (停产停业整顿) has a review date");
    if (card.level != CardLevel::Yellow)
        return card;
    switch (card.standard) {
    case CardStandard::Environment:
        throw ValidationError("standard: an environmental failure goes on the excess-emission "
                              "lists (level excess_emission or severe_excess_emission), not a "
                              "yellow card");
    case CardStandard::Safety:
        if (!reviewOn)
            throw ValidationError("review_on: a safety yellow card means production stops at "
                                  "once (停产停业整顿) until a review date the office sets");
        if (!isValidDate(*reviewOn) || *reviewOn < card.issued_on)
            throw ValidationError("review_on: '" + *reviewOn +
                                  "' must be a date (YYYY-MM-DD) on or after the issue date");
        card.rectify_by = *reviewOn;
        return card;
    case CardStandard::Energy:
    case CardStandard::Quality:
    case CardStandard::Technology:
        break;
    }
    card.rectify_by = addMonths(card.issued_on, 6);
    return card;
}

bool isExtensible(const Card &card)
{
    return card.level == CardLevel::Yellow && card.standard == CardStandard::Energy;
}

Card extendCard(Card card, std::string_view newDeadline, std::string_view appliedOn,
                std::string_view reason)
{
    if (!isExtensible(card) || !card.rectify_by)
        throw ValidationError("only an energy yellow card may be extended (节约能源法); quality "
                              "and safety cards have no extension");
    if (card.state != CardState::Open)
        throw ValidationError("only an open card can be extended");
    if (card.extended_to)
        throw ValidationError("this card was already extended to " + *card.extended_to +
                              "; a yellow card may be extended only once");
    if (!isValidDate(newDeadline))
        throw ValidationError("'" + std::string(newDeadline) + "' is not a date (YYYY-MM-DD)");
    if (!isValidDate(appliedOn) || appliedOn > *card.rectify_by)
        throw ValidationError("applied_on: the application date must be a date on or before " +
                              *card.rectify_by + " (the enterprise applies before the deadline)");
    if (reason.find_first_not_of(" \t\r\n") == std::string_view::npos)
        throw ValidationError("reason: say why the enterprise needs more time");
    const std::string latest = addMonths(*card.rectify_by, 3);
    if (newDeadline <= *card.rectify_by || newDeadline > latest)
        throw ValidationError("an extension must end after " + *card.rectify_by +
                              " and no later than " + latest + " (3 months)");
    card.extended_to = std::string(newDeadline);
    card.extension_applied_on = std::string(appliedOn);
    card.extension_reason = std::string(reason);
    return card;
}

Card changeCardState(Card card, CardState state)
{
    if (state == CardState::Withdrawn)
        throw ValidationError("state: a card is withdrawn with its reason (POST "
                              "/api/v1/web/cards/<id>/withdraw), not by a state change");
    if (card.state == state)
        return card;
    if (card.state == CardState::Rectified && state == CardState::Open) {
        card.state = state; // a rectification recorded by mistake, undone (issue 16 item 5)
        return card;
    }
    if (card.state != CardState::Open)
        throw ValidationError("the card is already " + std::string(enumName(card.state)) +
                              "; its history is kept, issue a new card instead");
    if (state == CardState::Rectified && card.level == CardLevel::Red)
        throw ValidationError("a red card records a closure by law; it cannot be rectified");
    card.state = state;
    return card;
}

std::string rectifiedBy(const std::vector<CardChange> &history)
{
    const auto last = std::find_if(history.rbegin(), history.rend(), [](const CardChange &c) {
        return c.action == enumName(CardState::Rectified);
    });
    if (last == history.rend())
        throw ValidationError("the card's history holds no rectification to undo");
    return last->by;
}

Card withdrawCard(Card card, std::string_view reason)
{
    if (card.state == CardState::Withdrawn)
        throw ValidationError("the card is already withdrawn");
    if (card.state != CardState::Open && card.level != CardLevel::Red)
        throw ValidationError("only an open card or a red card can be withdrawn; this card is " +
                              std::string(enumName(card.state)));
    if (reason.find_first_not_of(" \t\r\n") == std::string_view::npos)
        throw ValidationError("reason: say why the card was issued by mistake");
    card.state = CardState::Withdrawn;
    return card;
}

namespace {
constexpr std::string_view kWithdrawn = "withdrawn: ";
}

std::string withdrawalAction(std::string_view reason)
{
    return std::string(kWithdrawn).append(reason);
}

std::optional<std::string> withdrawalReason(std::string_view action)
{
    if (!action.starts_with(kWithdrawn))
        return std::nullopt;
    return std::string(action.substr(kWithdrawn.size()));
}

Card redCardFor(const Card &yellow, std::string_view today, std::string id)
{
    Card red = yellow;
    red.id = std::move(id);
    red.level = CardLevel::Red;
    red.issued_on = std::string(today);
    red.state = CardState::ClosedByLaw;
    red.rectify_by.reset();
    red.extended_to.reset();
    red.extension_applied_on.reset();
    red.extension_reason.reset();
    red.source_card_id = yellow.id;
    return red;
}

std::optional<std::string> cardDeadline(const Card &card)
{
    return card.extended_to ? card.extended_to : card.rectify_by;
}

bool isCardOverdue(const Card &card, std::string_view today)
{
    const auto deadline = cardDeadline(card);
    return card.state == CardState::Open && deadline && *deadline < today;
}

} // namespace fp
