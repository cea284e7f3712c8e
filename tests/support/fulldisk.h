#pragma once
// A folder whose storage a test can fill (issue 17 item 2, the tablet's side). Real where the
// test may mount (root with CAP_SYS_ADMIN, as in CI's container): the folder is a small tmpfs
// that fill() fills with one file until write() says ENOSPC. Injected otherwise: fill() lowers
// this process's RLIMIT_FSIZE to 0 (SIGXFSZ ignored), so every write to a regular file fails
// with EFBIG, as on a disk with no free block; reads and deletes keep working.
// FIELDPROOF_FULLDISK_INJECT=1 picks the injected way where mounting is allowed too.
// docs/reliability.md says what each covers.

#include <cstdint>
#include <filesystem>
#include <string>

namespace fp::test {

class FullDisk
{
  public:
    /// Creates `dir` and mounts a tmpfs of `bytes` there when mounting is allowed.
    FullDisk(std::filesystem::path dir, std::int64_t bytes);
    /// Gives the space back and unmounts.
    ~FullDisk();
    FullDisk(const FullDisk &) = delete;
    FullDisk &operator=(const FullDisk &) = delete;

    /// True when `dir` is a real tmpfs; otherwise fill() injects (reason() says why).
    bool real() const { return m_mounted; }
    const std::string &reason() const { return m_reason; }
    /// "a full tmpfs (real)" or "RLIMIT_FSIZE 0 (injected)", for test messages.
    std::string how() const;

    /// Makes every new write in `dir` fail; true when it did.
    bool fill();
    /// Gives the space back (deletes the filler, or restores the file-size limit).
    bool release();
    /// Bytes of the filler file (real) or 0.
    std::int64_t filled() const { return m_filled; }

  private:
    std::filesystem::path m_dir;
    std::int64_t m_bytes = 0;
    bool m_mounted = false;
    bool m_limited = false;
    std::int64_t m_filled = 0;
    std::uint64_t m_oldLimit = 0;
    std::string m_reason;
};

} // namespace fp::test
