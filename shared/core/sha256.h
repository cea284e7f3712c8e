#pragma once
// SHA-256 through OpenSSL's EVP interface, incremental or in one call.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

struct evp_md_ctx_st;

namespace fp {

/// An incremental SHA-256; hexDigest() finishes it.
class Sha256
{
  public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void update(const void *data, std::size_t size);
    void update(std::string_view data) { update(data.data(), data.size()); }
    /// Lowercase hex of the digest. The object cannot be updated afterwards.
    std::string hexDigest();

  private:
    struct Deleter
    {
        void operator()(evp_md_ctx_st *ctx) const;
    };
    std::unique_ptr<evp_md_ctx_st, Deleter> m_ctx;
};

std::string sha256Hex(std::string_view data);
/// Hash of a whole file, read in chunks (memory stays small for any size).
std::string sha256File(const std::filesystem::path &path);
/// True for 64 lowercase hex digits.
bool isSha256Hex(std::string_view text);

} // namespace fp
