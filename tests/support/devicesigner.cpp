#include "devicesigner.h"

#include "crypto/ed25519.h"

namespace fp::test {

DeviceSigner::DeviceSigner()
{
    const crypto::KeyPair pair = crypto::newKeyPair();
    m_public = pair.public_key;
    m_secret = pair.secret_key;
}

DeviceSigner::DeviceSigner(std::string deviceId) : DeviceSigner()
{
    m_deviceId = std::move(deviceId);
}

std::string DeviceSigner::publicKeyHex() const
{
    return crypto::toHex(m_public);
}

std::pair<EvidenceStatement, std::string> DeviceSigner::sign(const std::string &inspectionId,
                                                             std::int64_t version, const Json &data)
{
    std::lock_guard lock(m_mutex);
    const std::string content = contentHash(data);
    const auto key = std::make_tuple(inspectionId, version, content);
    if (const auto it = m_made.find(key); it != m_made.end())
        return it->second;
    EvidenceStatement st;
    st.device_id = m_deviceId;
    st.seq = ++m_seq;
    st.prev_hash = m_prevHash;
    st.inspection_id = inspectionId;
    st.inspection_version = version;
    st.content_hash = content;
    m_prevHash = statementHash(st);
    auto made = std::make_pair(st, signStatement(st, m_secret));
    m_made.emplace(key, made);
    return made;
}

Json DeviceSigner::signItemAt(Json item, std::int64_t seq, const std::string &prevHash) const
{
    EvidenceStatement st;
    st.device_id = m_deviceId;
    st.seq = seq;
    st.prev_hash = prevHash;
    st.inspection_id = item["id"].get<std::string>();
    st.inspection_version = item["version"].get<std::int64_t>();
    st.content_hash = contentHash(item["data"]);
    item["signature"] = signStatement(st, m_secret);
    item["statement"] = Json(st);
    return item;
}

Json DeviceSigner::signItem(Json item)
{
    const auto [st, signature] = sign(item.at("id").get<std::string>(),
                                      item.at("version").get<std::int64_t>(), item.at("data"));
    item["statement"] = Json(st);
    item["signature"] = signature;
    item["prev_hash"] = st.prev_hash;
    return item;
}

namespace {

std::mutex g_signersMutex;
std::map<std::string, std::unique_ptr<DeviceSigner>> &signers()
{
    static std::map<std::string, std::unique_ptr<DeviceSigner>> all;
    return all;
}

} // namespace

DeviceSigner *signerFor(const std::string &deviceId)
{
    std::lock_guard lock(g_signersMutex);
    const auto it = signers().find(deviceId);
    return it == signers().end() ? nullptr : it->second.get();
}

DeviceSigner &registerSigner(const std::string &deviceId, std::unique_ptr<DeviceSigner> signer)
{
    std::lock_guard lock(g_signersMutex);
    signer->setDeviceId(deviceId);
    DeviceSigner &ref = *signer;
    signers()[deviceId] = std::move(signer);
    return ref;
}

} // namespace fp::test
