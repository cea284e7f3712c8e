#pragma once
// The tablet's signing key in the platform keystore (issue 13 item 1): qtkeychain, which is the
// Android keystore on a tablet, the Keychain on iOS/macOS and the Secret Service (GNOME keyring,
// KWallet) on a Linux desktop. Where no keystore answers, the key stays in the 0600 file beside
// the device database, as for fieldproof-sync.

#include "device/signingkey.h"

#include <QString>

#include <filesystem>
#include <memory>
#include <mutex>

namespace fp {

/// The keystore entry of the device database `dbFile` (its absolute path: two profiles on one
/// desktop keep two keys).
QString keystoreEntry(const std::filesystem::path &dbFile);

/// One entry of the platform keystore holding the key (encodeSigningKey() text).
class KeychainSigningKeyStore final : public SigningKeyStore
{
  public:
    /// `entry` names the key within the app's service ("FieldProof").
    explicit KeychainSigningKeyStore(QString entry) : m_entry(std::move(entry)) {}

    /// Nothing when the keystore has no such entry; throws fp::Error when the keystore does not
    /// answer or refuses.
    std::optional<DeviceSigningKey> load() override;
    /// Throws fp::Error when the keystore does not take it (none running, locked, refused).
    void save(const DeviceSigningKey &key) override;
    /// Removes the entry; true when it is gone (or never was).
    bool remove();

  private:
    QString m_entry;
};

/// What the app uses: the keystore where one answers, else the file beside the database. A key
/// found in the file is moved into the keystore (the file is removed once the keystore gives it
/// back). The key is read once and kept, so finalising a visit never waits on the keystore.
class PlatformSigningKeyStore final : public SigningKeyStore
{
  public:
    explicit PlatformSigningKeyStore(const std::filesystem::path &dbFile);

    std::optional<DeviceSigningKey> load() override;
    void save(const DeviceSigningKey &key) override;

    /// Where the key is: true in the platform keystore, false in the file (no keystore here).
    bool inKeystore();

  private:
    /// Callers hold m_lock.
    void loadOnce();
    /// Whether `key` is now in the keystore (the file removed); touches no member but the two
    /// stores.
    bool moveIntoKeystore(const DeviceSigningKey &key);

    std::mutex m_saveLock; // one save at a time
    std::mutex m_lock;     // the members below
    KeychainSigningKeyStore m_keychain;
    FileSigningKeyStore m_file;
    bool m_loaded = false;
    bool m_inKeystore = false;
    std::optional<DeviceSigningKey> m_key;
};

/// The key store for a DeviceStore on `dbFile`: every DeviceStore of one database in this process
/// (the UI's and the sync worker's) shares one PlatformSigningKeyStore, so a key saved by an
/// enrolment on the worker is the key the UI signs with next.
std::unique_ptr<SigningKeyStore> platformSigningKeys(const std::filesystem::path &dbFile);

} // namespace fp
