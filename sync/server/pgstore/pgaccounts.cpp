// PgOfficeStore: accounts, their scopes and enrolled devices.

#include "server/pgstore/pgofficestore.h"

#include <map>

namespace fp {

namespace {

Role roleFrom(const std::string &text)
{
    const auto role = enumFromString<Role>(text);
    if (!role)
        throw PgError("the office database holds an unknown role '" + text + "'", "");
    return *role;
}

Department departmentFrom(const std::string &text)
{
    const auto department = enumFromString<Department>(text);
    if (!department)
        throw PgError("the office database holds an unknown department '" + text + "'", "");
    return *department;
}

DeviceInfo deviceFrom(const PgResult &r, int row)
{
    return DeviceInfo{r.text(row, 0), r.text(row, 1), r.text(row, 2), r.text(row, 3),
                      r.optText(row, 4)};
}

} // namespace

std::optional<UserAccount> PgOfficeStore::userByName(const std::string &username, bool forUpdate)
{
    const PgResult r = m_db.exec(
        forUpdate ? "SELECT id, username, role, password_hash, department FROM app_user WHERE "
                    "username = $1 FOR UPDATE"
                  : "SELECT id, username, role, password_hash, department FROM app_user WHERE "
                    "username = $1",
        {username});
    if (r.rows() == 0)
        return std::nullopt;
    return UserAccount{r.text(0, 0), r.text(0, 1), roleFrom(r.text(0, 2)), r.text(0, 3),
                       departmentFrom(r.text(0, 4))};
}

void PgOfficeStore::writeScope(const std::string &userId, const ScopeSpec &scope)
{
    m_db.exec("DELETE FROM user_region WHERE user_id = $1", {userId});
    m_db.exec("DELETE FROM user_enterprise WHERE user_id = $1", {userId});
    for (const auto &name : scope.region_names) {
        const PgResult found = m_db.exec("SELECT id FROM region WHERE name = $1", {name});
        if (found.rows() == 0)
            throw StoreRuleError("there is no region named '" + name +
                                 "'; import the plan first or check the spelling");
        m_db.exec("INSERT INTO user_region (user_id, region_id) VALUES ($1, $2) ON CONFLICT DO "
                  "NOTHING",
                  {userId, found.text(0, 0)});
    }
    for (const auto &code : scope.enterprise_codes) {
        const PgResult found =
            m_db.exec("SELECT id FROM enterprise WHERE credit_code = $1", {code});
        if (found.rows() == 0)
            throw StoreRuleError("there is no enterprise with credit code '" + code + "'");
        m_db.exec("INSERT INTO user_enterprise (user_id, enterprise_id) VALUES ($1, $2) ON "
                  "CONFLICT DO NOTHING",
                  {userId, found.text(0, 0)});
    }
}

UserAccount PgOfficeStore::addUser(const UserAccount &user, const ScopeSpec &scope)
{
    const PgPool::Lease lease(m_pool);
    PgTransaction tx(m_db);
    if (userByName(user.username))
        throw StoreRuleError("a user named '" + user.username + "' already exists");
    try {
        m_db.exec("INSERT INTO app_user (id, username, password_hash, role, department) VALUES "
                  "($1, $2, $3, $4, $5)",
                  {user.id, user.username, user.password_hash, std::string(enumName(user.role)),
                   std::string(enumName(user.department))});
    } catch (const PgError &e) {
        // Another server added the same name between the look-up and the insert.
        if (e.isUniqueViolation())
            throw StoreRuleError("a user named '" + user.username + "' already exists");
        throw;
    }
    writeScope(user.id, scope);
    tx.commit();
    return user;
}

void PgOfficeStore::setUserScope(const std::string &username, const ScopeSpec &scope)
{
    const PgPool::Lease lease(m_pool);
    PgTransaction tx(m_db);
    const auto user = userByName(username, true);
    if (!user)
        throw StoreRuleError("there is no user named '" + username + "'");
    writeScope(user->id, scope);
    // A new epoch makes every device of this user start its pull feed over (reset).
    m_db.exec("UPDATE app_user SET scope_epoch = scope_epoch + 1 WHERE id = $1", {user->id});
    tx.commit();
}

std::optional<UserAccount> PgOfficeStore::findUser(const std::string &username)
{
    const PgPool::Lease lease(m_pool);
    return userByName(username);
}

void PgOfficeStore::setUserDepartment(const std::string &username, Department department)
{
    const PgPool::Lease lease(m_pool);
    const PgResult r = m_db.exec("UPDATE app_user SET department = $1 WHERE username = $2",
                                 {std::string(enumName(department)), username});
    if (r.affected() == 0)
        throw StoreRuleError("there is no user named '" + username + "'");
}

std::vector<std::string> PgOfficeStore::userRegionIds(const std::string &username)
{
    const PgPool::Lease lease(m_pool);
    const PgResult r = m_db.exec("SELECT ur.region_id FROM user_region ur JOIN app_user u ON "
                                 "u.id = ur.user_id WHERE u.username = $1 ORDER BY ur.region_id",
                                 {username});
    std::vector<std::string> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i)
        out.push_back(r.text(i, 0));
    return out;
}

void PgOfficeStore::setPassword(const std::string &username, const std::string &passwordHash)
{
    const PgPool::Lease lease(m_pool);
    const PgResult r = m_db.exec("UPDATE app_user SET password_hash = $1 WHERE username = $2",
                                 {passwordHash, username});
    if (r.affected() == 0)
        throw StoreRuleError("there is no user named '" + username + "'");
}

void PgOfficeStore::addDevice(const DeviceInfo &device, const std::string &tokenHash)
{
    const PgPool::Lease lease(m_pool);
    m_db.exec(
        "INSERT INTO device (id, user_id, name, token_hash, enrolled_at, public_key) VALUES "
        "($1, $2, $3, $4, $5, $6)",
        {device.id, device.user_id, device.name, tokenHash, device.enrolled_at, device.public_key});
}

std::optional<DeviceInfo> PgOfficeStore::findDevice(const std::string &deviceId)
{
    const PgPool::Lease lease(m_pool);
    const PgResult r = m_db.exec("SELECT id, user_id, name, enrolled_at, revoked_at, public_key "
                                 "FROM device WHERE id = $1",
                                 {deviceId});
    if (r.rows() == 0)
        return std::nullopt;
    DeviceInfo d = deviceFrom(r, 0);
    d.public_key = r.optText(0, 5);
    return d;
}

std::optional<Principal> PgOfficeStore::findByTokenHash(const std::string &tokenHash)
{
    const PgPool::Lease lease(m_pool);
    // One statement: a device and its account as one snapshot.
    const PgResult r = m_db.exec(
        "SELECT d.id, d.user_id, d.name, d.enrolled_at, d.revoked_at, u.id, u.username, u.role, "
        "u.password_hash, u.department FROM device d JOIN app_user u ON u.id = d.user_id WHERE "
        "d.token_hash = $1",
        {tokenHash});
    if (r.rows() == 0)
        return std::nullopt;
    return Principal{deviceFrom(r, 0),
                     UserAccount{r.text(0, 5), r.text(0, 6), roleFrom(r.text(0, 7)), r.text(0, 8),
                                 departmentFrom(r.text(0, 9))}};
}

void PgOfficeStore::revokeDevice(const std::string &deviceId, const std::string &when)
{
    const PgPool::Lease lease(m_pool);
    // The first revocation's time stays, whichever server revokes second.
    const PgResult r = m_db.exec(
        "UPDATE device SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL", {when, deviceId});
    if (r.affected() == 0 &&
        m_db.exec("SELECT 1 FROM device WHERE id = $1", {deviceId}).rows() == 0)
        throw StoreRuleError("there is no device with id '" + deviceId + "'");
}

std::vector<DeviceListing> PgOfficeStore::listDevices()
{
    const PgPool::Lease lease(m_pool);
    const PgResult r = m_db.exec(
        "SELECT d.id, d.user_id, d.name, d.enrolled_at, d.revoked_at, u.username, d.last_seen_at "
        "FROM device d JOIN app_user u ON u.id = d.user_id ORDER BY d.enrolled_at, d.id");
    std::vector<DeviceListing> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i)
        out.push_back(DeviceListing{deviceFrom(r, i), r.text(i, 5), r.optText(i, 6)});
    return out;
}

void PgOfficeStore::noteDeviceSeen(const std::string &deviceId, TimePoint at)
{
    const PgPool::Lease lease(m_pool);
    // The condition makes a second sync within the minute, on any server, write nothing.
    m_db.exec("UPDATE device SET last_seen_at = $1 WHERE id = $2 AND (last_seen_at IS NULL OR "
              "last_seen_at <= $3)",
              {formatTimestamp(at), deviceId, formatTimestamp(at - std::chrono::minutes(1))});
}

std::vector<AccountSummary> PgOfficeStore::listAccounts()
{
    const PgPool::Lease lease(m_pool);
    // REPEATABLE READ: the four queries read one snapshot, whatever other servers write.
    PgTransaction tx(m_db);
    m_db.execScript("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
    std::vector<AccountSummary> out;
    std::map<std::string, std::size_t> index; // user id -> position in `out`
    const PgResult users =
        m_db.exec("SELECT id, username, role, department FROM app_user ORDER BY username");
    out.reserve(static_cast<std::size_t>(users.rows()));
    for (int i = 0; i < users.rows(); ++i) {
        index[users.text(i, 0)] = out.size();
        AccountSummary a;
        a.username = users.text(i, 1);
        a.role = enumFromString<Role>(users.text(i, 2)).value_or(Role::Inspector);
        a.department = enumFromString<Department>(users.text(i, 3)).value_or(Department::None);
        out.push_back(std::move(a));
    }
    const auto of = [&](const std::string &userId) -> AccountSummary * {
        const auto it = index.find(userId);
        return it == index.end() ? nullptr : &out[it->second];
    };
    const PgResult regions = m_db.exec("SELECT ur.user_id, r.name FROM user_region ur JOIN "
                                       "region r ON r.id = ur.region_id ORDER BY r.name");
    for (int i = 0; i < regions.rows(); ++i) {
        if (auto *a = of(regions.text(i, 0)))
            a->region_names.push_back(regions.text(i, 1));
    }
    const PgResult ents =
        m_db.exec("SELECT ue.user_id, e.credit_code, e.name FROM user_enterprise ue JOIN "
                  "enterprise e ON e.id = ue.enterprise_id ORDER BY e.name, e.credit_code");
    for (int i = 0; i < ents.rows(); ++i) {
        if (auto *a = of(ents.text(i, 0))) {
            a->enterprise_codes.push_back(ents.text(i, 1));
            a->enterprise_names.push_back(ents.text(i, 2));
        }
    }
    // One pass over the devices, whatever the number of accounts.
    const PgResult devices =
        m_db.exec("SELECT user_id, count(*) FILTER (WHERE revoked_at IS NULL), max(enrolled_at) "
                  "FROM device GROUP BY user_id");
    for (int i = 0; i < devices.rows(); ++i) {
        if (auto *a = of(devices.text(i, 0))) {
            a->active_devices = static_cast<int>(devices.integer(i, 1));
            a->last_enrolled_at = devices.text(i, 2);
        }
    }
    tx.commit();
    return out;
}

} // namespace fp
