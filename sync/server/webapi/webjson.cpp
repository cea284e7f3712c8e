#include "server/webapi/webjson.h"

#include "core/planrules.h"
#include "protocol/evidencebundle.h"

#include "server/domain/carddeadline.h"

namespace fp {

std::optional<Position> enterprisePosition(const Enterprise &e,
                                           const std::vector<OfficeInspection> &visits)
{
    if (e.location)
        return e.location;
    double lat = 0, lon = 0;
    int n = 0;
    const auto add = [&](const std::optional<Position> &p) {
        if (p) {
            lat += p->lat;
            lon += p->lon;
            ++n;
        }
    };
    for (const auto &v : visits) {
        add(v.bundle.inspection.position);
        for (const auto &c : v.bundle.checks)
            add(c.position);
    }
    if (n == 0)
        return std::nullopt;
    return Position{lat / n, lon / n, std::nullopt};
}

Json inspectionJson(const OfficeInspection &o, const Enterprise *enterprise,
                    const std::vector<Equipment> &planned)
{
    Json j = Json(o.bundle);
    // The office re-checks the work plan's rules with the plan it holds and flags, rather than
    // refuses, what fails them: the clerk sees the flags before accepting.
    Json flags = Json::array();
    if (o.bundle.inspection.state == InspectionState::Final) {
        for (const Problem &p : planRuleProblems(o.bundle, planned))
            flags.push_back(Json{
                {"code", toString(p.code)}, {"subject_id", p.subject_id}, {"message", p.message}});
    }
    j["rule_flags"] = flags;
    // The credit code tells apart enterprises of the same name (issue 16 item 9).
    j["enterprise_name"] = enterprise ? enterprise->name : std::string();
    j["enterprise_code"] = enterprise ? enterprise->credit_code : std::string();
    j["version"] = o.version;
    j["device_time"] = o.device_time;
    j["received_at"] = o.received_at;
    j["device_name"] = o.device_name;
    j["username"] = o.username;
    j["review"] = o.review ? Json(*o.review) : Json();
    // The printed opinion carries these; fieldproof-verify prints the same for its bundle.
    j["statement_hash"] = o.statement_hash;
    j["verification_code"] = bundle::verificationCode(o.statement_hash);
    if (o.review) {
        j["review"]["version"] = o.review_version; // send it back as expected_version
        j["review"]["by"] = o.reviewed_by;
    }
    return j;
}

Json cardJson(const Card &card, std::string_view today)
{
    Json j = Json(card);
    j["deadline"] = cardDeadline(card) ? Json(*cardDeadline(card)) : Json();
    j["overdue"] = isCardOverdue(card, today);
    return j;
}

} // namespace fp
