#pragma once
// The device's enrolment and feed position, kept in the device database (sync_state) so that
// the tablet app and fieldproof-sync share them.

#include "curltransport.h"
#include "device/devicestore.h"

#include <filesystem>
#include <optional>
#include <string>

namespace fp {

/// Keys of the sync_state table this library owns.
namespace synckey {
inline constexpr const char *kServerUrl = "server_url";
inline constexpr const char *kCaFile = "ca_file"; // empty: the system's trust store
inline constexpr const char *kDeviceId = "device_id";
inline constexpr const char *kToken = "device_token";
inline constexpr const char *kUsername = "username";
inline constexpr const char *kCursor = "pull_cursor"; // empty: nothing pulled yet
inline constexpr const char *kLastSync = "last_sync"; // time of the last complete sync
inline constexpr const char *kLastAttempt = "last_attempt";
inline constexpr const char *kLastOutcome = "last_outcome"; // one line, for status
inline constexpr const char *kRejections = "rejections";    // RejectionLog as JSON
} // namespace synckey

/// Who this device is to the office.
struct Enrolment
{
    std::string server_url;
    std::optional<std::filesystem::path> ca_file;
    std::string device_id;
    std::string token;
    std::string username;
};

/// The stored enrolment; nothing when the device was never enrolled.
std::optional<Enrolment> loadEnrolment(DeviceStore &store);

/// Stores a new enrolment and forgets the old feed position (a new account may see other
/// rows), in one transaction.
void saveEnrolment(DeviceStore &store, const Enrolment &enrolment);

/// Transport options for talking to the enrolled office.
TransportOptions transportOptions(const Enrolment &enrolment,
                                  const std::atomic<bool> *cancel = nullptr);

} // namespace fp
