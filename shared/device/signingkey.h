#pragma once
// The device's Ed25519 signing key (docs/protocol.md, "Device keys"): made at enrolment, its
// public half sent to the office, its secret half never leaving the device. Where the secret
// lives is a seam: a 0600 file beside the device database by default (fieldproof-sync); the app
// puts the platform keystore in its place (mobile/platform/keystore.h).

#include <filesystem>
#include <optional>
#include <string>

namespace fp {

/// The key of one enrolment: the office's device id it was registered under, and the pair as
/// raw bytes (crypto/ed25519.h sizes).
struct DeviceSigningKey
{
    std::string device_id;
    std::string public_key;
    std::string secret_key;
};

/// The key as the stores keep it: one line of JSON with hex-encoded halves.
std::string encodeSigningKey(const DeviceSigningKey &key);
/// The key back from encodeSigningKey()'s text; throws fp::Error naming `where` (the file or the
/// keystore entry) when the text is damaged.
DeviceSigningKey decodeSigningKey(const std::string &text, const std::string &where);

/// Where the device keeps its signing key.
class SigningKeyStore
{
  public:
    virtual ~SigningKeyStore() = default;
    /// The stored key; nothing before the first enrolment. Throws fp::Error when it exists but
    /// cannot be read.
    virtual std::optional<DeviceSigningKey> load() = 0;
    /// Replaces the stored key durably (re-enrolment makes a new one).
    virtual void save(const DeviceSigningKey &key) = 0;
};

/// The key as JSON in a file that only its owner may read (mode 0600), written atomically.
class FileSigningKeyStore : public SigningKeyStore
{
  public:
    explicit FileSigningKeyStore(std::filesystem::path file) : m_file(std::move(file)) {}
    /// `dbFile` + ".signing-key": beside the device database.
    static std::filesystem::path besideDatabase(const std::filesystem::path &dbFile);

    std::optional<DeviceSigningKey> load() override;
    void save(const DeviceSigningKey &key) override;
    const std::filesystem::path &file() const { return m_file; }

  private:
    std::filesystem::path m_file;
};

} // namespace fp
