#include "device/signingkey.h"

#include "core/error.h"
#include "core/json.h"
#include "core/jsonreader.h"
#include "crypto/ed25519.h"
#include "fs/pendingfile.h"

#include <fstream>
#include <sstream>

namespace fp {

namespace fs = std::filesystem;

fs::path FileSigningKeyStore::besideDatabase(const fs::path &dbFile)
{
    fs::path file = dbFile;
    file += ".signing-key";
    return file;
}

std::string encodeSigningKey(const DeviceSigningKey &key)
{
    const Json j{{"device_id", key.device_id},
                 {"public_key", crypto::toHex(key.public_key)},
                 {"secret_key", crypto::toHex(key.secret_key)}};
    return j.dump() + "\n";
}

DeviceSigningKey decodeSigningKey(const std::string &text, const std::string &where)
{
    try {
        const Json j = parseJson(text);
        JsonReader r(j, "signing key");
        DeviceSigningKey key{r.str("device_id"), crypto::fromHex(r.str("public_key")),
                             crypto::fromHex(r.str("secret_key"))};
        if (key.public_key.size() != crypto::kPublicKeyBytes ||
            key.secret_key.size() != crypto::kSecretKeyBytes)
            throw Error("wrong key sizes");
        return key;
    } catch (const Error &e) {
        throw Error(std::string("the signing key ")
                        .append(where)
                        .append(" is damaged (")
                        .append(e.what())
                        .append("); enrol the device again"));
    }
}

std::optional<DeviceSigningKey> FileSigningKeyStore::load()
{
    std::error_code ec;
    if (!fs::exists(m_file, ec))
        return std::nullopt;
    std::ifstream in(m_file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in)
        throw Error(std::string("cannot read the signing key ").append(m_file.string()));
    return decodeSigningKey(text.str(), m_file.string());
}

void FileSigningKeyStore::save(const DeviceSigningKey &key)
{
    if (m_file.has_parent_path())
        fs::create_directories(m_file.parent_path());
    PendingFile file(m_file);
    // Owner only before a byte of the secret is written.
    fs::permissions(file.tempPath(), fs::perms::owner_read | fs::perms::owner_write,
                    fs::perm_options::replace);
    file.write(encodeSigningKey(key));
    file.commit();
}

} // namespace fp
