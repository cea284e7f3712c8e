#include "server/domain/carddeadline.h"

#include "core/error.h"
#include "core/validation.h"

namespace fp {

Card issueCard(Card card)
{
    if (!isValidDate(card.issued_on))
        throw ValidationError("issued: '" + card.issued_on + "' is not a date (YYYY-MM-DD)");
    if (card.department.empty())
        throw ValidationError("department: the issuing department is required");
    card.state = CardState::Open;
    card.extended_to.reset();
    card.rectify_by.reset();
    if (card.level == CardLevel::Yellow)
        card.rectify_by = addMonths(card.issued_on, 6);
    return card;
}

Card extendCard(Card card, std::string_view newDeadline)
{
    if (card.level != CardLevel::Yellow || !card.rectify_by)
        throw ValidationError("only yellow cards have a rectification deadline to extend");
    if (card.state != CardState::Open)
        throw ValidationError("only an open card can be extended");
    if (card.extended_to)
        throw ValidationError("this card was already extended to " + *card.extended_to +
                              "; a yellow card may be extended only once");
    if (!isValidDate(newDeadline))
        throw ValidationError("'" + std::string(newDeadline) + "' is not a date (YYYY-MM-DD)");
    const std::string latest = addMonths(*card.rectify_by, 3);
    if (newDeadline <= *card.rectify_by || newDeadline > latest)
        throw ValidationError("an extension must end after " + *card.rectify_by +
                              " and no later than " + latest + " (3 months)");
    card.extended_to = std::string(newDeadline);
    return card;
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
