#pragma once
// The office's state on PostgreSQL (issue 18), for several stateless servers on one database.
// It grows port by port and becomes an OfficeStore when every port is in; today it is the
// AccountStore. One connection guarded by a mutex per store (a small pool can replace it
// without touching the ports); what another server process must see lives in the database and
// every write is one PostgreSQL transaction. Implementation one file per entity group, as the
// SQLite store: pgofficestore.cpp (opening), pgaccounts.cpp (accounts, devices).

#include "server/pgstore/pgconnection.h"
#include "server/storage/accountstore.h"

#include <mutex>

namespace fp {

class PgOfficeStore final : public AccountStore
{
  public:
    /// Connects (`conninfo`: a libpq connection string or postgresql:// URI) and brings the
    /// schema up to date (pgschema.h); throws PgError when the database cannot be reached and
    /// SchemaTooNewError for a database written by a newer server.
    explicit PgOfficeStore(const std::string &conninfo);

    UserAccount addUser(const UserAccount &user, const ScopeSpec &scope) override;
    void setUserScope(const std::string &username, const ScopeSpec &scope) override;
    std::optional<UserAccount> findUser(const std::string &username) override;
    void setUserDepartment(const std::string &username, Department department) override;
    std::vector<std::string> userRegionIds(const std::string &username) override;
    void setPassword(const std::string &username, const std::string &passwordHash) override;
    void addDevice(const DeviceInfo &device, const std::string &tokenHash) override;
    std::optional<DeviceInfo> findDevice(const std::string &deviceId) override;
    std::optional<Principal> findByTokenHash(const std::string &tokenHash) override;
    void revokeDevice(const std::string &deviceId, const std::string &when) override;
    std::vector<DeviceListing> listDevices() override;
    std::vector<AccountSummary> listAccounts() override;

  private:
    // Helpers; callers hold m_mutex and, for writes, a PgTransaction.
    /// The account by name; `forUpdate` locks its row until the transaction ends, so that two
    /// servers changing one account take turns.
    std::optional<UserAccount> userByName(const std::string &username, bool forUpdate = false);
    void writeScope(const std::string &userId, const ScopeSpec &scope);

    std::mutex m_mutex;
    PgConnection m_db;
};

} // namespace fp
