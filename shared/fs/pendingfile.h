#pragma once
// A file becomes visible only whole (STYLE §7): write a temp file beside the target, fsync it,
// rename it over the target, fsync the folder. Until commit() the target is untouched.

#include <filesystem>
#include <string_view>

namespace fp {

/// A temp file beside `target` that replaces it on commit(), or is removed when dropped.
class PendingFile
{
  public:
    /// Creates the temp file (mode 0666 less the umask). Throws fp::Error on failure.
    explicit PendingFile(std::filesystem::path target);
    ~PendingFile();
    PendingFile(const PendingFile &) = delete;
    PendingFile &operator=(const PendingFile &) = delete;

    /// Where to write; a library that opens files by name may overwrite it.
    [[nodiscard]] const std::filesystem::path &tempPath() const { return m_temp; }
    /// Appends through the open descriptor. Throws fp::Error on failure.
    void write(std::string_view bytes);
    /// fsync, rename over the target, fsync the folder. Throws fp::Error on failure.
    void commit();

  private:
    std::filesystem::path m_target;
    std::filesystem::path m_temp;
    int m_fd = -1;
    bool m_committed = false;
};

/// Writes `bytes` to `file` through a PendingFile.
void writeFileAtomically(const std::filesystem::path &file, std::string_view bytes);

} // namespace fp
