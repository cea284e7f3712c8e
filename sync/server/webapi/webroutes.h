#pragma once
// Internal to webapi/: what several of the page's resource files share — the session cookie's
// name, the body limit of a form, the regex match of a route, the date field of a body and the
// check that a body's enterprise exists.

#include "core/json.h"
#include "server/domain/department.h"
#include "server/http/httplibfwd.h"
#include "server/storage/planstore.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace fp {

constexpr const char *kSessionCookie = "fp_session";
/// The body limit of the page's JSON forms.
constexpr std::size_t kFormLimit = std::size_t{64} * 1024;

/// Capture group `i` of the route's pattern, or "".
std::string match(const httplib::Request &req, std::size_t i);

/// A required date member of a JSON body (`request.<key>`), like 2017-10-31.
std::string dateField(const Json &body, const std::string &key);
/// A date that cannot lie after `today` (a card issued, an application made): 400 otherwise.
std::string notFutureDateField(const Json &body, const std::string &key, const std::string &today);
/// A date that cannot lie before `today` (a task's due date): 400 otherwise.
std::string notPastDateField(const Json &body, const std::string &key, const std::string &today);

/// The optional `expected_version` of a change (the number of history entries the page saw): a
/// non-negative integer or absent (400 otherwise).
std::optional<std::int64_t> expectedVersionField(const Json &body);

/// A whole-number query parameter within [min, max] (a larger one is cut to max); `fallback`
/// when absent; 400 otherwise.
std::int64_t intParam(const httplib::Request &req, const std::string &name, std::int64_t min,
                      std::int64_t max, std::int64_t fallback);

/// The regions' names by id.
std::map<std::string, std::string> regionNames(PlanStore &store);

/// The caller may change a card of `standard` (department.h): 403 wrong_department otherwise.
void requireCardAction(const Actor &actor, CardStandard standard);
/// The caller sees the region `regionId` (a town or zone office: only its own): 403
/// outside_region otherwise, naming `what` the caller tried to reach.
void requireRegion(const OfficeReach &reach, const std::string &regionId, const std::string &what);

/// The enterprise a body names in `enterprise_id` is in the plan (404 otherwise).
void requireEnterpriseField(PlanStore &plan, const std::string &enterpriseId);

} // namespace fp
