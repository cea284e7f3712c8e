// SqliteOfficeStore: accounts, their scopes and enrolled devices.

#include "server/storage/officerows.h"
#include "server/storage/sqliteofficestore.h"

#include <algorithm>
#include <array>
#include <map>

namespace fp {

// ---- accounts ------------------------------------------------------------------------------

std::optional<UserAccount> SqliteOfficeStore::userByName(const std::string &username)
{
    Statement s(m_db, "SELECT id, username, role, password_hash, department FROM app_user WHERE "
                      "username = ?");
    if (!s.bind(1, username).step())
        return std::nullopt;
    const auto role = enumFromString<Role>(s.text(2));
    if (!role)
        throw StoreError("office.db holds an unknown role '" + s.text(2) + "'", 0);
    const auto department = enumFromString<Department>(s.text(4));
    if (!department)
        throw StoreError("office.db holds an unknown department '" + s.text(4) + "'", 0);
    return UserAccount{s.text(0), s.text(1), *role, s.text(3), *department};
}

void SqliteOfficeStore::writeScope(const std::string &userId, const ScopeSpec &scope)
{
    Statement(m_db, "DELETE FROM user_region WHERE user_id = ?").bind(1, userId).exec();
    Statement(m_db, "DELETE FROM user_enterprise WHERE user_id = ?").bind(1, userId).exec();
    for (const auto &name : scope.region_names) {
        Statement find(m_db, "SELECT id FROM region WHERE name = ?");
        if (!find.bind(1, name).step())
            throw StoreRuleError("there is no region named '" + name +
                                 "'; import the plan first or check the spelling");
        Statement(m_db, "INSERT OR IGNORE INTO user_region (user_id, region_id) VALUES (?, ?)")
            .bind(1, userId)
            .bind(2, find.text(0))
            .exec();
    }
    for (const auto &code : scope.enterprise_codes) {
        Statement find(m_db, "SELECT id FROM enterprise WHERE credit_code = ?");
        if (!find.bind(1, code).step())
            throw StoreRuleError("there is no enterprise with credit code '" + code + "'");
        Statement(m_db,
                  "INSERT OR IGNORE INTO user_enterprise (user_id, enterprise_id) VALUES (?, ?)")
            .bind(1, userId)
            .bind(2, find.text(0))
            .exec();
    }
}

UserAccount SqliteOfficeStore::addUser(const UserAccount &user, const ScopeSpec &scope)
{
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    if (userByName(user.username))
        throw StoreRuleError("a user named '" + user.username + "' already exists");
    Statement(m_db, "INSERT INTO app_user (id, username, password_hash, role, department) VALUES "
                    "(?,?,?,?,?)")
        .bind(1, user.id)
        .bind(2, user.username)
        .bind(3, user.password_hash)
        .bind(4, enumName(user.role))
        .bind(5, enumName(user.department))
        .exec();
    writeScope(user.id, scope);
    tx.commit();
    return user;
}

void SqliteOfficeStore::setUserScope(const std::string &username, const ScopeSpec &scope)
{
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    const auto user = userByName(username);
    if (!user)
        throw StoreRuleError("there is no user named '" + username + "'");
    writeScope(user->id, scope);
    // A new epoch makes every device of this user start its pull feed over (reset).
    Statement(m_db, "UPDATE app_user SET scope_epoch = scope_epoch + 1 WHERE id = ?")
        .bind(1, user->id)
        .exec();
    tx.commit();
}

std::optional<UserAccount> SqliteOfficeStore::findUser(const std::string &username)
{
    std::lock_guard lock(m_mutex);
    return userByName(username);
}

void SqliteOfficeStore::setUserDepartment(const std::string &username, Department department)
{
    std::lock_guard lock(m_mutex);
    Statement s(m_db, "UPDATE app_user SET department = ? WHERE username = ?");
    s.bind(1, enumName(department)).bind(2, username).exec();
    if (m_db.changes() == 0)
        throw StoreRuleError("there is no user named '" + username + "'");
}

std::vector<std::string> SqliteOfficeStore::userRegionIds(const std::string &username)
{
    std::lock_guard lock(m_mutex);
    Statement s(m_db, "SELECT ur.region_id FROM user_region ur JOIN app_user u ON u.id = "
                      "ur.user_id WHERE u.username = ? ORDER BY ur.region_id");
    s.bind(1, username);
    std::vector<std::string> out;
    while (s.step())
        out.push_back(s.text(0));
    return out;
}

void SqliteOfficeStore::setPassword(const std::string &username, const std::string &passwordHash)
{
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    const auto user = userByName(username);
    if (!user)
        throw StoreRuleError("there is no user named '" + username + "'");
    Statement(m_db, "UPDATE app_user SET password_hash = ? WHERE id = ?")
        .bind(1, passwordHash)
        .bind(2, user->id)
        .exec();
    tx.commit();
}

void SqliteOfficeStore::addDevice(const DeviceInfo &device, const std::string &tokenHash)
{
    std::lock_guard lock(m_mutex);
    Statement(m_db, "INSERT INTO device (id, user_id, name, token_hash, enrolled_at, public_key) "
                    "VALUES (?,?,?,?,?,?)")
        .bind(1, device.id)
        .bind(2, device.user_id)
        .bind(3, device.name)
        .bind(4, tokenHash)
        .bind(5, device.enrolled_at)
        .bind(6, device.public_key)
        .exec();
}

std::optional<DeviceInfo> SqliteOfficeStore::findDevice(const std::string &deviceId)
{
    std::lock_guard lock(m_mutex);
    Statement s(m_db, "SELECT id, user_id, name, enrolled_at, revoked_at, public_key FROM device "
                      "WHERE id = ?");
    if (!s.bind(1, deviceId).step())
        return std::nullopt;
    return DeviceInfo{s.text(0), s.text(1), s.text(2), s.text(3), s.optText(4), s.optText(5)};
}

std::optional<Principal> SqliteOfficeStore::findByTokenHash(const std::string &tokenHash)
{
    std::lock_guard lock(m_mutex);
    Statement s(m_db, "SELECT d.id, d.user_id, d.name, d.enrolled_at, d.revoked_at, u.username "
                      "FROM device d JOIN app_user u ON u.id = d.user_id WHERE d.token_hash = ?");
    if (!s.bind(1, tokenHash).step())
        return std::nullopt;
    Principal p;
    p.device = DeviceInfo{s.text(0), s.text(1), s.text(2), s.text(3), s.optText(4)};
    const std::string username = s.text(5);
    s.reset();
    auto user = userByName(username);
    if (!user)
        return std::nullopt;
    p.user = std::move(*user);
    return p;
}

void SqliteOfficeStore::revokeDevice(const std::string &deviceId, const std::string &when)
{
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    Statement find(m_db, "SELECT revoked_at FROM device WHERE id = ?");
    if (!find.bind(1, deviceId).step())
        throw StoreRuleError("there is no device with id '" + deviceId + "'");
    if (find.isNull(0)) {
        Statement(m_db, "UPDATE device SET revoked_at = ? WHERE id = ?")
            .bind(1, when)
            .bind(2, deviceId)
            .exec();
    }
    find.reset();
    tx.commit();
}

std::vector<DeviceListing> SqliteOfficeStore::listDevices()
{
    std::lock_guard lock(m_mutex);
    Statement s(m_db, "SELECT d.id, d.user_id, d.name, d.enrolled_at, d.revoked_at, u.username, "
                      "d.last_seen_at FROM device d JOIN app_user u ON u.id = d.user_id ORDER BY "
                      "d.enrolled_at, d.id");
    std::vector<DeviceListing> out;
    while (s.step()) {
        out.push_back(
            DeviceListing{DeviceInfo{s.text(0), s.text(1), s.text(2), s.text(3), s.optText(4)},
                          s.text(5), s.optText(6)});
    }
    return out;
}

void SqliteOfficeStore::noteDeviceSeen(const std::string &deviceId, TimePoint at)
{
    std::lock_guard lock(m_mutex);
    // The condition makes a second sync within the minute write nothing.
    Statement s(m_db, "UPDATE device SET last_seen_at = ? WHERE id = ? AND (last_seen_at IS NULL "
                      "OR last_seen_at <= ?)");
    s.bind(1, formatTimestamp(at))
        .bind(2, deviceId)
        .bind(3, formatTimestamp(at - std::chrono::minutes(1)))
        .exec();
}

std::vector<AccountSummary> SqliteOfficeStore::listAccounts()
{
    std::lock_guard lock(m_mutex);
    std::vector<AccountSummary> out;
    std::map<std::string, std::size_t> index; // user id -> position in `out`
    Statement users(m_db, "SELECT id, username, role, department FROM app_user ORDER BY username");
    while (users.step()) {
        index[users.text(0)] = out.size();
        AccountSummary a;
        a.username = users.text(1);
        a.role = officerows::enumOr(users.text(2), Role::Inspector);
        a.department = officerows::enumOr(users.text(3), Department::None);
        out.push_back(std::move(a));
    }
    const auto of = [&](const std::string &userId) -> AccountSummary * {
        const auto it = index.find(userId);
        return it == index.end() ? nullptr : &out[it->second];
    };
    Statement regions(m_db, "SELECT ur.user_id, r.name FROM user_region ur JOIN region r ON "
                            "r.id = ur.region_id ORDER BY r.name");
    while (regions.step()) {
        if (auto *a = of(regions.text(0)))
            a->region_names.push_back(regions.text(1));
    }
    Statement ents(m_db, "SELECT ue.user_id, e.credit_code, e.name FROM user_enterprise ue JOIN "
                         "enterprise e ON e.id = ue.enterprise_id ORDER BY e.name, e.credit_code");
    while (ents.step()) {
        if (auto *a = of(ents.text(0))) {
            a->enterprise_codes.push_back(ents.text(1));
            a->enterprise_names.push_back(ents.text(2));
        }
    }
    // One pass over the devices, whatever the number of accounts.
    Statement devices(m_db, "SELECT user_id, sum(revoked_at IS NULL), max(enrolled_at) FROM "
                            "device GROUP BY user_id");
    while (devices.step()) {
        if (auto *a = of(devices.text(0))) {
            a->active_devices = int(devices.integer(1));
            a->last_enrolled_at = devices.text(2);
        }
    }
    return out;
}

Scope SqliteOfficeStore::loadScope(const std::string &userId, const std::string &username,
                                   Role role)
{
    Scope scope;
    scope.username = username;
    scope.everything = role != Role::Inspector;
    Statement regions(m_db, "SELECT region_id FROM user_region WHERE user_id = ?");
    regions.bind(1, userId);
    while (regions.step())
        scope.region_ids.insert(regions.text(0));
    Statement ents(m_db, "SELECT e.id, e.region_id FROM user_enterprise ue JOIN enterprise e ON "
                         "e.id = ue.enterprise_id WHERE ue.user_id = ?");
    ents.bind(1, userId);
    while (ents.step()) {
        scope.enterprise_ids.insert(ents.text(0));
        scope.extra_region_ids.insert(ents.text(1));
    }
    return scope;
}

} // namespace fp
