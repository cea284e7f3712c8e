#include "server/domain/officekey.h"

#include "core/error.h"
#include "fs/file.h"

#include <sodium.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace fp {

namespace {

void initSodium()
{
    static const bool ready = sodium_init() >= 0;
    if (!ready)
        throw Error("libsodium could not be initialised");
}

std::string hexOf(const unsigned char *bytes, std::size_t size)
{
    std::string out(size * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes, size);
    out.pop_back();
    return out;
}

[[noreturn]] void failOn(const std::filesystem::path &file, const std::string &what)
{
    std::string message("the office key ");
    message.append(file.string()).append(" ").append(what);
    throw Error(message);
}

OfficeKey readKey(const std::filesystem::path &file)
{
    struct stat st
    {
    };
    if (::stat(file.c_str(), &st) != 0)
        failOn(file, std::string("cannot be read: ") + std::strerror(errno));
    if ((st.st_mode & 077) != 0)
        failOn(file, "may be read by other users; make it readable by the office's user only "
                     "(chmod 600)");
    std::ifstream in(file);
    std::string line;
    if (!in || !std::getline(in, line))
        failOn(file, "cannot be read");
    std::array<unsigned char, 32> seed{};
    std::size_t written = 0;
    if (line.size() != 64 ||
        sodium_hex2bin(seed.data(), seed.size(), line.data(), line.size(), nullptr, &written,
                       nullptr) != 0 ||
        written != seed.size())
        failOn(file, "is not 64 hex digits (an Ed25519 seed); restore it from the backup");
    return OfficeKey::fromSeed(seed);
}

/// Writes a new key beside `file` and links it into place only if no key is there yet, so two
/// processes starting at once never replace each other's key.
void createKey(const std::filesystem::path &file)
{
    std::array<unsigned char, 32> seed{};
    randombytes_buf(seed.data(), seed.size());
    const std::string text = hexOf(seed.data(), seed.size()) + "\n";
    sodium_memzero(seed.data(), seed.size());
    std::filesystem::path temp = file;
    temp += ".new." + std::to_string(::getpid());
    {
        FileHandle fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
        if (fd.fd() < 0 || ::fchmod(fd.fd(), 0600) != 0 || !writeAll(fd.fd(), text) ||
            ::fsync(fd.fd()) != 0 || fd.close() != 0) {
            const std::string reason = std::strerror(errno);
            ::unlink(temp.c_str());
            failOn(file, "cannot be written: " + reason);
        }
    }
    const int linked = ::link(temp.c_str(), file.c_str());
    const int linkErrno = errno;
    ::unlink(temp.c_str());
    if (linked != 0 && linkErrno != EEXIST)
        failOn(file, std::string("cannot be written: ") + std::strerror(linkErrno));
    if (!fsyncDir(file.parent_path()))
        failOn(file, std::string("cannot be made durable: ") + std::strerror(errno));
}

} // namespace

OfficeKey OfficeKey::loadOrCreate(const std::filesystem::path &file)
{
    initSodium();
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        createKey(file);
    return readKey(file);
}

OfficeKey OfficeKey::fromSeed(const std::array<unsigned char, 32> &seed)
{
    initSodium();
    OfficeKey key;
    std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> pk{};
    crypto_sign_seed_keypair(pk.data(), key.m_secret.data(), seed.data());
    key.m_publicHex = hexOf(pk.data(), pk.size());
    return key;
}

std::string OfficeKey::signHex(std::string_view message) const
{
    std::array<unsigned char, crypto_sign_BYTES> sig{};
    crypto_sign_detached(sig.data(), nullptr,
                         reinterpret_cast<const unsigned char *>(message.data()), message.size(),
                         m_secret.data());
    return hexOf(sig.data(), sig.size());
}

SignedTreeHead TreeHeadSigner::sign(std::int64_t treeSize, const merkle::Hash &root) const
{
    const std::int64_t ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(m_clock.now().time_since_epoch())
            .count();
    return SignedTreeHead{treeSize, ms, merkle::toHex(root),
                          m_key.signHex(treeHeadMessage(treeSize, ms, root))};
}

} // namespace fp
