#pragma once
// Signing like a tablet, for tests that push hand-made bundles: one Ed25519 key pair and one
// statement chain per enrolled device (shared/crypto, the same code as the device store).
// ApiFixture::enroll registers a signer for every device it enrols; pushBody signs each final
// inspection of a body with the signer of its device.

#include "core/json.h"
#include "crypto/statement.h"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>

namespace fp::test {

class DeviceSigner
{
  public:
    DeviceSigner(); // a new key pair
    explicit DeviceSigner(std::string deviceId);

    const std::string &deviceId() const { return m_deviceId; }
    void setDeviceId(std::string id) { m_deviceId = std::move(id); }
    std::string publicKeyHex() const;
    const std::string &secretKey() const { return m_secret; }

    /// The next statement of this device's chain for an item, signed. The same (id, version,
    /// data) again gets the same statement, as a device re-sending its outbox row would send.
    /// Returns the statement and the signature (hex).
    std::pair<EvidenceStatement, std::string> sign(const std::string &inspectionId,
                                                   std::int64_t version, const Json &data);
    /// `item` (a push item envelope) with statement, signature and prev_hash set.
    Json signItem(Json item);
    /// `item` signed validly but outside the chain: a statement with `seq` and `prevHash` as
    /// given (a fork, or a gap), which the chain does not advance for.
    Json signItemAt(Json item, std::int64_t seq, const std::string &prevHash) const;
    /// Where the chain stands: the last seq handed out and its hash.
    std::int64_t lastSeq() const { return m_seq; }
    const std::string &lastHash() const { return m_prevHash; }

  private:
    std::string m_deviceId;
    std::string m_public;
    std::string m_secret;
    std::int64_t m_seq = 0;
    std::string m_prevHash{kFirstPrevHash};
    std::map<std::tuple<std::string, std::int64_t, std::string>,
             std::pair<EvidenceStatement, std::string>>
        m_made;
    std::mutex m_mutex;
};

/// The signer registered for `deviceId` (by ApiFixture::enroll), or null.
DeviceSigner *signerFor(const std::string &deviceId);
/// Registers `signer` for `deviceId` (setting its device id) and returns it.
DeviceSigner &registerSigner(const std::string &deviceId, std::unique_ptr<DeviceSigner> signer);

} // namespace fp::test
