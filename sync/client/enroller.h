#pragma once
// Enrolment: an inspector's username and password in, the device's token stored in the
// device database (never the password), and a new Ed25519 signing key: its public half sent to
// the office, its secret half kept in the store's SigningKeyStore.

#include "device/devicestore.h"
#include "retrypolicy.h"
#include "syncsettings.h"
#include "transport.h"

namespace fp {

/// What enrol needs besides the transport (which already points at `server_url`).
struct EnrollInput
{
    std::string server_url;
    std::optional<std::filesystem::path> ca_file;
    std::string username;
    std::string password;
    std::string device_name;
};

/// Enrols the device and stores the enrolment; throws ServerError with the office's message
/// (wrong password ...) or NetworkError.
Enrolment enrollDevice(DeviceStore &store, Transport &transport, const EnrollInput &input,
                       const RetryPolicy &policy = {});

} // namespace fp
