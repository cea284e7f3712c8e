#pragma once
// The device's watch on the office log (issue 13): the office's public key pinned at
// enrolment, the newest signed tree head this device saw, and on each pull a check that the
// office's new head is signed by that key and extends the saved one (an RFC 9162 consistency
// proof). A failure means the office rewrote history: the sync stops, loudly.

#include "apiclient.h"
#include "device/devicestore.h"
#include "protocol/logwire.h"
#include "syncerror.h"

#include <optional>
#include <string>

namespace fp {

namespace synckey {
inline constexpr const char *kOfficeKey = "office_public_key"; // hex; empty: not pinned
inline constexpr const char *kLogHead = "office_log_head";     // SignedTreeHead as JSON
} // namespace synckey

/// The office's log head fails its signature or does not extend what this device saw before.
class LogRewrittenError : public SyncError
{
  public:
    explicit LogRewrittenError(const std::string &detail);
};

/// Pins the office key an enrolment answered with and starts the watch again from nothing:
/// enrolling is the one deliberate act that makes a tablet trust an office afresh (a new office,
/// a new key, an office restored from a backup after the log check stopped the tablet).
void pinOfficeKey(DeviceStore &store, const std::string &publicKeyHex);

/// The saved head, if any.
std::optional<SignedTreeHead> savedLogHead(DeviceStore &store);

/// Checks a pulled head and saves it when it holds; throws LogRewrittenError when it does not.
/// Does nothing for a device with no pinned key (enrolled with an office that signed no log).
void checkLogHead(DeviceStore &store, ApiClient &api, const std::optional<SignedTreeHead> &head);

} // namespace fp
