// WebApi: the yellow, red and emission cards with their deadlines, issuing one, extending its
// rectification and setting its state (GET, POST /api/v1/web/cards, POST
// /api/v1/web/cards/<id>/{extend,state}), by the same rules as `fieldproof-server card`.

#include "core/ids.h"
#include "core/validation.h"
#include "server/domain/apierror.h"
#include "server/domain/carddeadline.h"
#include "server/domain/staleversion.h"
#include "server/http/httpreply.h"
#include "server/http/webhttp.h"
#include "server/webapi/webapi.h"
#include "server/webapi/webjson.h"
#include "server/webapi/webroutes.h"

#include <httplib.h>

#include <utility>

namespace fp {

namespace {

using httplib::Request;
using httplib::Response;

constexpr std::size_t kReasonLimit = 500; // characters, as for a returned inspection

CardChange change(const Clock &clock, const WebApi::Caller &caller, std::string action)
{
    return CardChange{formatTimestamp(clock.now()), caller.session.username, std::move(action), {}};
}

Card cardOrThrow(PlanStore &store, const std::string &id)
{
    if (auto card = store.findCard(id))
        return *card;
    throw ApiError(404, "not_found", "there is no card with id '" + id + "'");
}

/// A change made against an older version of the card is stale before it is judged by the
/// card's rules (another clerk's change may be why it no longer fits them); the store checks
/// again in the transaction of the change.
void requireVersion(PlanStore &store, const std::string &id, std::optional<std::int64_t> expected)
{
    if (!expected)
        return;
    const auto history = store.cardHistory(id);
    if (std::cmp_not_equal(history.size(), *expected)) {
        LastChange last;
        if (!history.empty())
            last = LastChange{history.back().at, history.back().by, history.back().action};
        throw StaleVersionError(*expected, std::int64_t(history.size()), last);
    }
}

/// Why the caller may not undo the card's rectification (department.h); "" when they may.
std::string undoProblem(AccountStore &accounts, const WebApi::Caller &caller, const Card &card,
                        const std::vector<CardChange> &history)
{
    const std::string by = rectifiedBy(history);
    const auto recorder = accounts.findUser(by);
    // An admin's record (or one by an account since removed) belongs to the card's department.
    const Department setter =
        recorder && recorder->role != Role::Admin ? recorder->department : Department::None;
    return undoRectificationProblem(caller.actor(), by, setter, card.standard);
}

} // namespace

void WebApi::attachCards(httplib::Server &server)
{
    read(server, "/api/v1/web/cards",
         [this](const Request &req, Response &res, const Caller &caller) {
             const std::string day = today(req);
             Json out = Json::array();
             for (const auto level : {CardLevel::Yellow, CardLevel::Red, CardLevel::ExcessEmission,
                                      CardLevel::SevereExcessEmission}) {
                 for (const auto &row : m_stores.reports.cardList(level)) {
                     if (!caller.reach.seesRegion(row.enterprise.region_id))
                         continue; // a town or zone office sees its own regions' cards only
                     Json j = cardJson(row.card, day);
                     Json history = Json::array();
                     const std::vector<CardChange> changes = m_stores.plan.cardHistory(row.card.id);
                     for (const CardChange &c : changes) {
                         if (const auto reason = withdrawalReason(c.action))
                             history.push_back(Json{{"at", c.at},
                                                    {"by", c.by},
                                                    {"action", "withdrawn"},
                                                    {"reason", *reason}});
                         else
                             history.push_back(
                                 Json{{"at", c.at}, {"by", c.by}, {"action", c.action}});
                     }
                     j["version"] = history.size(); // send it back as expected_version
                     j["history"] = history;
                     j["extensible"] = isExtensible(row.card);
                     j["enterprise_name"] = row.enterprise.name;
                     j["enterprise_code"] = row.enterprise.credit_code;
                     j["region_name"] = row.region_name;
                     // Who answers for the card, and whether this caller may change it (the page
                     // offers the actions only then; the server checks again).
                     j["responsible_department"] =
                         enumName(responsibleDepartment(row.card.standard));
                     j["actionable"] = cardActionProblem(caller.actor(), row.card.standard).empty();
                     j["undoable"] =
                         row.card.state == CardState::Rectified && j["actionable"].get<bool>() &&
                         undoProblem(m_stores.accounts, caller, row.card, changes).empty();
                     out.push_back(std::move(j));
                 }
             }
             replyJson(res, 200, Json{{"cards", out}});
         });

    write(server, "POST", "/api/v1/web/cards", kFormLimit,
          [this](const Request &, Response &res, const Caller &caller, const std::string &body) {
              const Json j = jsonObjectBody(body);
              Card card;
              card.enterprise_id = stringField(j, "enterprise_id");
              card.standard = enumField<CardStandard>(j, "standard");
              card.level = enumField<CardLevel>(j, "level");
              requireCardAction(caller.actor(), card.standard);
              card.department = stringField(j, "department");
              card.issued_on = notFutureDateField(j, "issued_on", formatDate(m_clock.now()));
              requireEnterpriseField(m_stores.plan, card.enterprise_id);
              requireRegion(caller.reach,
                            m_stores.plan.findEnterprise(card.enterprise_id)->region_id,
                            "the enterprise");
              card.id = newId(m_clock);
              std::optional<std::string> reviewOn;
              if (j.contains("review_on") && !j["review_on"].is_null())
                  reviewOn = dateField(j, "review_on");
              card = issueCard(card, reviewOn);
              m_stores.plan.addCard(card, change(m_clock, caller, "issued"));
              replyJson(res, 201, cardJson(card, formatDate(m_clock.now())));
          });
    write(server, "POST", "/api/v1/web/cards/([^/]+)/extend", kFormLimit,
          [this](const Request &req, Response &res, const Caller &caller, const std::string &body) {
              const Json j = jsonObjectBody(body);
              const auto expected = expectedVersionField(j);
              Card held = cardOrThrow(m_stores.plan, match(req, 1));
              requireCardAction(caller.actor(), held.standard);
              requireVersion(m_stores.plan, held.id, expected);
              const Card card =
                  extendCard(held, dateField(j, "to"),
                             notFutureDateField(j, "applied_on", formatDate(m_clock.now())),
                             stringField(j, "reason"));
              m_stores.plan.updateCard(card, change(m_clock, caller, "extended"), {}, expected);
              replyJson(res, 200, cardJson(card, formatDate(m_clock.now())));
          });
    // A card issued by mistake: withdrawn with its reason, never deleted (issue 16 item 1).
    write(server, "POST", "/api/v1/web/cards/([^/]+)/withdraw", kFormLimit,
          [this](const Request &req, Response &res, const Caller &caller, const std::string &body) {
              const Json j = jsonObjectBody(body);
              const auto expected = expectedVersionField(j);
              const std::string reason = stringField(j, "reason");
              if (utf8Length(reason) > kReasonLimit)
                  throw ApiError(400, "bad_request",
                                 "request.reason: at most " + std::to_string(kReasonLimit) +
                                     " characters, got " + std::to_string(utf8Length(reason)));
              Card held = cardOrThrow(m_stores.plan, match(req, 1));
              requireCardAction(caller.actor(), held.standard);
              requireVersion(m_stores.plan, held.id, expected);
              const Card card = withdrawCard(held, reason);
              m_stores.plan.updateCard(card, change(m_clock, caller, withdrawalAction(reason)), {},
                                       expected);
              m_log("web card withdrawn by " + caller.session.username + ": " + card.id);
              replyJson(res, 200, cardJson(card, formatDate(m_clock.now())));
          });
    write(server, "POST", "/api/v1/web/cards/([^/]+)/state", kFormLimit,
          [this](const Request &req, Response &res, const Caller &caller, const std::string &body) {
              const Json j = jsonObjectBody(body);
              const CardState state = enumField<CardState>(j, "state");
              const auto expected = expectedVersionField(j);
              Card held = cardOrThrow(m_stores.plan, match(req, 1));
              requireCardAction(caller.actor(), held.standard);
              requireVersion(m_stores.plan, held.id, expected);
              std::string action(enumName(state));
              if (held.state == CardState::Rectified && state == CardState::Open) {
                  // Undoing a rectification recorded by mistake: by whoever recorded it, the
                  // department that set it, or an admin (issue 16 item 5).
                  const std::string why = undoProblem(m_stores.accounts, caller, held,
                                                      m_stores.plan.cardHistory(held.id));
                  if (!why.empty())
                      throw ApiError(403, "wrong_department", why);
                  action = "reopened";
              }
              const Card card = changeCardState(held, state);
              // A yellow card closed by law produces its red-list entry (seed §二(二)2/4/5).
              std::optional<Card> red;
              if (state == CardState::ClosedByLaw && card.level == CardLevel::Yellow)
                  red = redCardFor(card, formatDate(m_clock.now()), newId(m_clock));
              m_stores.plan.updateCard(card, change(m_clock, caller, action), red, expected);
              replyJson(res, 200, cardJson(card, formatDate(m_clock.now())));
          });
}

} // namespace fp
