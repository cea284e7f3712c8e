#pragma once
// POST /api/v1/devices/enroll: a person's credentials in, a device token out.

#include "core/enums.h"
#include "core/json.h"

#include <optional>
#include <string>

namespace fp {

/// What a tablet sends once, when an inspector signs it in.
struct EnrollRequest
{
    std::string username;
    std::string password;
    std::string device_name; // shown to the office, e.g. "Tablet 7 (Zhang)"
    /// The device's new Ed25519 public key, 64 lowercase hex digits; the secret key never
    /// leaves the device. Optional on the wire: a device without one cannot sign, so the office
    /// refuses its final inspections (code unknown_key).
    std::optional<std::string> public_key{};
    bool operator==(const EnrollRequest &) const = default;
};

/// The device's identity and its bearer token. The token is shown only here: the server
/// keeps nothing but its SHA-256.
struct EnrollResponse
{
    std::string device_id;
    std::string token; // 64 lowercase hex characters (32 random bytes)
    std::string username;
    Role role = Role::Inspector;
    /// The office's Ed25519 public key (64 hex digits) that signs its log's tree heads; the
    /// device pins it. Empty from an office that signs no log.
    std::string office_public_key{};
    bool operator==(const EnrollResponse &) const = default;
};

void to_json(Json &j, const EnrollRequest &v);
void to_json(Json &j, const EnrollResponse &v);
template <> EnrollRequest decode<EnrollRequest>(const Json &j, const std::string &path);
template <> EnrollResponse decode<EnrollResponse>(const Json &j, const std::string &path);

} // namespace fp
