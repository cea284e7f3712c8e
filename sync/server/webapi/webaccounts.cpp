// WebApi: accounts, regions and devices (docs/web.md). Office and admin staff see the lists;
// only an admin changes anything — new accounts, scopes, password resets, revoked devices —
// through the same store calls and rules as `fieldproof-server user` and `device`.

#include "core/ids.h"
#include "core/validation.h"
#include "server/domain/apierror.h"
#include "server/domain/credentials.h"
#include "server/http/httpreply.h"
#include "server/http/webhttp.h"
#include "server/webapi/webapi.h"
#include "server/webapi/webroutes.h"

#include <httplib.h>

#include <algorithm>
#include <optional>
#include <set>

namespace fp {

namespace {

using httplib::Request;
using httplib::Response;

/// Every change on this page is an admin's.
void requireAdmin(const WebApi::Caller &caller)
{
    if (caller.session.role != Role::Admin)
        throw ApiError(403, "forbidden",
                       "only an admin account may change accounts, passwords and devices; "
                       "office accounts may only look");
}

/// Nobody creates or takes over an account with a higher role than their own.
void requireRoleAtMost(const WebApi::Caller &caller, Role role, const std::string &what)
{
    if (static_cast<int>(role) > static_cast<int>(caller.session.role))
        throw ApiError(403, "forbidden",
                       "a " + std::string(enumName(caller.session.role)) + " account cannot " +
                           what + " a " + std::string(enumName(role)) + " account");
}

std::string passwordField(const Json &body)
{
    std::string password = stringField(body, "password");
    if (const auto why = passwordProblem(password); !why.empty())
        throw ApiError(400, "bad_request", "request.password: " + why);
    return password;
}

/// An optional array of strings: absent or null is an empty list.
std::vector<std::string> optionalListField(const Json &body, const std::string &key)
{
    const auto it = body.find(key);
    if (it == body.end() || it->is_null())
        return {};
    return stringListField(body, key);
}

void checkDepartment(Department department, Role role, const std::vector<std::string> &regions)
{
    if (department != Department::None && role != Role::Office)
        throw ApiError(400, "bad_request",
                       "request.department: only office accounts carry a department; a " +
                           std::string(enumName(role)) + " account has none");
    if (department == Department::Region && regions.empty())
        throw ApiError(400, "bad_request",
                       "request.department: a town or zone office account needs the regions it "
                       "sees (request.regions)");
}

/// Names each unknown region or credit code by its place in the body before the store (which
/// checks again, inside its transaction) refuses the whole scope.
void checkScope(PlanStore &store, const ScopeSpec &scope)
{
    std::set<std::string> regions;
    for (const auto &r : store.listRegions())
        regions.insert(r.name);
    for (std::size_t i = 0; i < scope.region_names.size(); ++i) {
        if (!regions.contains(scope.region_names[i]))
            throw ApiError(422, "rejected",
                           "request.regions[" + std::to_string(i) +
                               "]: there is no region named '" + scope.region_names[i] +
                               "'; import the plan first or check the spelling");
    }
    for (std::size_t i = 0; i < scope.enterprise_codes.size(); ++i) {
        if (!store.findEnterpriseByCode(scope.enterprise_codes[i]))
            throw ApiError(422, "rejected",
                           "request.enterprises[" + std::to_string(i) +
                               "]: there is no enterprise with credit code '" +
                               scope.enterprise_codes[i] + "'");
    }
}

/// The optional `department` of a body (department.h; absent or null is none), checked against
/// the account's role and scope: only office accounts carry one, and a town or zone office
/// names the regions it sees.
Department departmentField(const Json &body, Role role, const std::vector<std::string> &regions)
{
    const auto it = body.find("department");
    if (it == body.end() || it->is_null())
        return Department::None;
    const Department department = enumField<Department>(body, "department");
    checkDepartment(department, role, regions);
    return department;
}

std::optional<AccountSummary> findAccount(AccountStore &store, const std::string &username)
{
    for (auto &a : store.listAccounts()) {
        if (a.username == username)
            return std::move(a);
    }
    return std::nullopt;
}

AccountSummary accountOrThrow(AccountStore &store, const std::string &username)
{
    if (auto a = findAccount(store, username))
        return *a;
    throw ApiError(404, "not_found", "request.username: there is no user named '" + username + "'");
}

Json accountJson(const AccountSummary &a)
{
    Json enterprises = Json::array();
    for (std::size_t i = 0; i < a.enterprise_codes.size(); ++i)
        enterprises.push_back(
            Json{{"credit_code", a.enterprise_codes[i]}, {"name", a.enterprise_names[i]}});
    return Json{
        {"username", a.username},
        {"role", enumName(a.role)},
        {"department", enumName(a.department)},
        {"regions", a.region_names},
        {"enterprises", enterprises},
        {"active_devices", a.active_devices},
        {"last_enrolled_at", a.last_enrolled_at.empty() ? Json() : Json(a.last_enrolled_at)}};
}

Json deviceJson(const DeviceListing &d)
{
    return Json{{"id", d.device.id},
                {"username", d.username},
                {"name", d.device.name},
                {"enrolled_at", d.device.enrolled_at},
                {"revoked_at", d.device.revoked_at ? Json(*d.device.revoked_at) : Json()},
                {"last_seen_at", d.last_seen_at ? Json(*d.last_seen_at) : Json()},
                {"active", !d.device.revoked_at}};
}

} // namespace

void WebApi::attachAccounts(httplib::Server &server)
{
    // ---- lists: office and admin ----
    read(server, "/api/v1/web/accounts", [this](const Request &, Response &res, const Caller &) {
        Json out = Json::array();
        for (const auto &a : m_stores.accounts.listAccounts()) {
            Json j = accountJson(a);
            j["locked"] = m_throttle.isLocked(a.username); // by wrong passwords on the page
            out.push_back(std::move(j));
        }
        replyJson(res, 200, Json{{"accounts", out}});
    });

    read(server, "/api/v1/web/regions", [this](const Request &, Response &res, const Caller &) {
        Json out = Json::array();
        for (const auto &r : m_stores.plan.listRegions())
            out.push_back(Json{{"id", r.id}, {"name", r.name}, {"kind", enumName(r.kind)}});
        replyJson(res, 200, Json{{"regions", out}});
    });

    read(server, "/api/v1/web/devices", [this](const Request &, Response &res, const Caller &) {
        Json out = Json::array();
        // The store lists the oldest first; the page shows the newest first.
        auto devices = m_stores.accounts.listDevices();
        std::reverse(devices.begin(), devices.end());
        for (const auto &d : devices)
            out.push_back(deviceJson(d));
        replyJson(res, 200, Json{{"devices", out}});
    });

    // ---- changes: admin only ----
    write(
        server, "POST", "/api/v1/web/accounts", kFormLimit,
        [this](const Request &, Response &res, const Caller &caller, const std::string &body) {
            requireAdmin(caller);
            const Json j = jsonObjectBody(body);
            const std::string username = stringField(j, "username");
            if (const auto why = usernameProblem(username); !why.empty())
                throw ApiError(400, "bad_request", "request.username: " + why);
            const Role role = enumField<Role>(j, "role");
            const std::string password = passwordField(j);
            const ScopeSpec scope{optionalListField(j, "regions"),
                                  optionalListField(j, "enterprises")};
            requireRoleAtMost(caller, role, "create");
            const Department department = departmentField(j, role, scope.region_names);
            if (m_stores.accounts.findUser(username))
                throw ApiError(409, "conflict",
                               "request.username: a user named '" + username + "' already exists");
            checkScope(m_stores.plan, scope);
            m_stores.accounts.addUser(
                UserAccount{newId(m_clock), username, role, hashPassword(password), department},
                scope);
            record(caller.session.username, "account.added", username, std::string(enumName(role)),
                   Json{{"after", Json{{"role", enumName(role)},
                                       {"department", enumName(department)},
                                       {"regions", scope.region_names},
                                       {"enterprises", scope.enterprise_codes}}}});
            m_log("web: " + caller.session.username + " added " + std::string(enumName(role)) +
                  " " + username);
            replyJson(res, 201, accountJson(accountOrThrow(m_stores.accounts, username)));
        });

    // The username travels in the body, not the path: it may hold any character.
    write(server, "POST", "/api/v1/web/accounts/scope", kFormLimit,
          [this](const Request &, Response &res, const Caller &caller, const std::string &body) {
              requireAdmin(caller);
              const Json j = jsonObjectBody(body);
              const std::string username = stringField(j, "username");
              const std::vector<std::string> regions = stringListField(j, "regions");
              const AccountSummary account = accountOrThrow(m_stores.accounts, username);
              requireRoleAtMost(caller, account.role, "change");
              // Left out, the enterprises in scope stay as they are (`user scope` replaces both).
              const ScopeSpec scope{regions, j.contains("enterprises")
                                                 ? optionalListField(j, "enterprises")
                                                 : account.enterprise_codes};
              checkScope(m_stores.plan, scope);
              m_stores.accounts.setUserScope(username, scope);
              record(caller.session.username, "account.scope_changed", username, {},
                     Json{{"before", Json{{"regions", account.region_names},
                                          {"enterprises", account.enterprise_codes}}},
                          {"after", Json{{"regions", scope.region_names},
                                         {"enterprises", scope.enterprise_codes}}}});
              m_log("web: " + caller.session.username + " changed the scope of " + username);
              replyJson(res, 200, accountJson(accountOrThrow(m_stores.accounts, username)));
          });

    // An office account's department (issue 14 item 7): which cards it may change, or, for a
    // town or zone office, that it sees only the regions of its scope.
    write(server, "POST", "/api/v1/web/accounts/department", kFormLimit,
          [this](const Request &, Response &res, const Caller &caller, const std::string &body) {
              requireAdmin(caller);
              const Json j = jsonObjectBody(body);
              const std::string username = stringField(j, "username");
              const Department department = enumField<Department>(j, "department");
              const AccountSummary account = accountOrThrow(m_stores.accounts, username);
              requireRoleAtMost(caller, account.role, "change");
              checkDepartment(department, account.role, account.region_names);
              m_stores.accounts.setUserDepartment(username, department);
              record(caller.session.username, "account.department_changed", username,
                     std::string(enumName(account.department)) + " -> " +
                         std::string(enumName(department)),
                     Json{{"before", Json{{"department", enumName(account.department)}}},
                          {"after", Json{{"department", enumName(department)}}}});
              m_log("web: " + caller.session.username + " set the department of " + username +
                    " to " + std::string(enumName(department)));
              replyJson(res, 200, accountJson(accountOrThrow(m_stores.accounts, username)));
          });

    write(server, "POST", "/api/v1/web/accounts/password", kFormLimit,
          [this](const Request &, Response &res, const Caller &caller, const std::string &body) {
              requireAdmin(caller);
              const Json j = jsonObjectBody(body);
              const std::string username = stringField(j, "username");
              const std::string password = passwordField(j);
              const AccountSummary account = accountOrThrow(m_stores.accounts, username);
              requireRoleAtMost(caller, account.role, "reset the password of");
              // The account's open web sessions end with its old password; enrolled tablets
              // keep their tokens until they are revoked (docs/web.md).
              m_stores.accounts.setPassword(username, hashPassword(password));
              const std::size_t ended = m_sessions.removeUser(username);
              record(caller.session.username, "account.password_reset", username,
                     std::to_string(ended) + " web sessions ended",
                     Json{{"sessions_ended", ended}});
              m_log("web: " + caller.session.username + " reset the password of " + username +
                    " and ended " + std::to_string(ended) + " of its web sessions");
              replyJson(res, 200, accountJson(account));
          });

    // Lifts the lock (and the growing wait) that wrong passwords put on an account's sign-in.
    write(server, "POST", "/api/v1/web/accounts/unlock", kFormLimit,
          [this](const Request &, Response &res, const Caller &caller, const std::string &body) {
              requireAdmin(caller);
              const std::string username = stringField(jsonObjectBody(body), "username");
              const AccountSummary account = accountOrThrow(m_stores.accounts, username);
              requireRoleAtMost(caller, account.role, "unlock");
              m_throttle.unlock(username);
              record(caller.session.username, "account.unlocked", username, {}, Json::object());
              m_log("web: " + caller.session.username + " unlocked the sign-in of " + username);
              Json j = accountJson(account);
              j["locked"] = false;
              replyJson(res, 200, j);
          });

    write(server, "POST", "/api/v1/web/devices/([^/]+)/revoke", kFormLimit,
          [this](const Request &req, Response &res, const Caller &caller, const std::string &) {
              requireAdmin(caller);
              const std::string id = match(req, 1);
              const auto held = [&]() -> std::optional<DeviceListing> {
                  for (auto &d : m_stores.accounts.listDevices()) {
                      if (d.device.id == id)
                          return std::move(d);
                  }
                  return std::nullopt;
              };
              const auto before = held();
              if (!before)
                  throw ApiError(404, "not_found", "there is no device with id '" + id + "'");
              if (const auto owner = m_stores.accounts.findUser(before->username))
                  requireRoleAtMost(caller, owner->role, "revoke a device of");
              m_stores.accounts.revokeDevice(id, formatTimestamp(m_clock.now()));
              record(caller.session.username, "device.revoked", id,
                     before->device.name + " of " + before->username,
                     Json{{"username", before->username},
                          {"name", before->device.name},
                          {"already_revoked", before->device.revoked_at.has_value()}});
              m_log("web: " + caller.session.username + " revoked device " + id + " of " +
                    before->username);
              replyJson(res, 200, deviceJson(*held()));
          });
}

} // namespace fp
