#pragma once
// The office's own Ed25519 key (libsodium): it signs the office log's tree heads. Made the
// first time a data directory is opened and kept beside office.db as a file only the office's
// user may read (docs/operations.md: back it up with the database; a lost key means devices
// must be enrolled again to trust a new one).

#include "core/clock.h"
#include "protocol/logwire.h"

#include <array>
#include <filesystem>
#include <string>
#include <string_view>

namespace fp {

class OfficeKey
{
  public:
    /// Reads `file` (one line: the 32-byte Ed25519 seed in 64 lowercase hex digits), or makes
    /// a new key there (mode 0600) when there is no file. Throws fp::Error naming the file when
    /// it cannot be read or written, is malformed, or other users may read it.
    static OfficeKey loadOrCreate(const std::filesystem::path &file);
    /// A key from a known seed (tests and benchmarks).
    static OfficeKey fromSeed(const std::array<unsigned char, 32> &seed);

    /// 64 lowercase hex digits.
    const std::string &publicKeyHex() const { return m_publicHex; }
    /// The detached Ed25519 signature of `message`, 128 lowercase hex digits.
    std::string signHex(std::string_view message) const;

  private:
    OfficeKey() = default;

    std::array<unsigned char, 64> m_secret{};
    std::string m_publicHex;
};

/// Signs the office log's tree heads with the office key, stamped with the clock's time.
class TreeHeadSigner
{
  public:
    TreeHeadSigner(OfficeKey key, const Clock &clock) : m_key(std::move(key)), m_clock(clock) {}

    SignedTreeHead sign(std::int64_t treeSize, const merkle::Hash &root) const;
    const std::string &publicKeyHex() const { return m_key.publicKeyHex(); }

  private:
    OfficeKey m_key;
    const Clock &m_clock;
};

} // namespace fp
