#pragma once
// The office's accounts and enrolled devices. Every method is one transaction and safe to call
// from several threads (as in every port of storage/).

#include "core/clock.h"
#include "server/domain/officerecords.h"
#include "server/domain/storeruleerror.h"
#include "server/domain/webrecords.h"

#include <optional>
#include <string>
#include <vector>

namespace fp {

class AccountStore
{
  public:
    virtual ~AccountStore() = default;

    /// Creates an account; throws StoreRuleError if the name is taken or a scope name unknown.
    virtual UserAccount addUser(const UserAccount &user, const ScopeSpec &scope) = 0;
    /// Replaces an account's scope and starts its devices' pull feeds over (new scope epoch).
    virtual void setUserScope(const std::string &username, const ScopeSpec &scope) = 0;
    virtual std::optional<UserAccount> findUser(const std::string &username) = 0;
    /// Replaces an account's department (department.h); throws StoreRuleError for an unknown
    /// user. Its scope stays: for a town or zone office it names the regions it sees.
    virtual void setUserDepartment(const std::string &username, Department department) = 0;
    /// The ids of the regions an account's scope names (not those of single enterprises);
    /// empty for an unknown user.
    virtual std::vector<std::string> userRegionIds(const std::string &username) = 0;
    /// Replaces an account's password hash. Its enrolled devices keep their tokens (revoke them
    /// separately); throws StoreRuleError for an unknown user.
    virtual void setPassword(const std::string &username, const std::string &passwordHash) = 0;
    virtual void addDevice(const DeviceInfo &device, const std::string &tokenHash) = 0;
    /// A device by id (revoked ones too), with its public key.
    virtual std::optional<DeviceInfo> findDevice(const std::string &deviceId) = 0;
    /// The device holding a token (revoked ones too, so callers can say so).
    virtual std::optional<Principal> findByTokenHash(const std::string &tokenHash) = 0;
    /// Throws StoreRuleError for an unknown device. Revoking twice is not an error.
    virtual void revokeDevice(const std::string &deviceId, const std::string &when) = 0;
    /// Every enrolled device, oldest first.
    virtual std::vector<DeviceListing> listDevices() = 0;
    /// Every account with its scope and devices, by username.
    virtual std::vector<AccountSummary> listAccounts() = 0;
    /// Records that a device authenticated at `at` (stored as a timestamp) for the device
    /// list's last sync. At most one write a minute per device: a time within a minute of the
    /// one held is not written. An unknown device is ignored.
    virtual void noteDeviceSeen(const std::string &deviceId, TimePoint at) = 0;
};

} // namespace fp
