#include "fs/pendingfile.h"

#include "core/error.h"
#include "fs/file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <unistd.h>

namespace fp {

namespace {

std::string failure(const std::string &what, const std::filesystem::path &path)
{
    return "Cannot " + what + " " + path.string() + ": " + std::strerror(errno) + ".";
}

void syncPath(const std::filesystem::path &path, int flags)
{
    const FileHandle f(::open(path.c_str(), flags | O_CLOEXEC));
    if (f.fd() < 0)
        throw Error(failure("open", path));
    if (::fsync(f.fd()) != 0)
        throw Error(failure("flush to disk", path));
}

std::string randomSuffix()
{
    static thread_local std::mt19937_64 engine{std::random_device{}()};
    constexpr std::string_view digits = "0123456789abcdef";
    std::string out;
    for (auto v = engine(); out.size() < 12; v >>= 4)
        out.push_back(digits[v & 0xF]);
    return out;
}

} // namespace

PendingFile::PendingFile(std::filesystem::path target) : m_target(std::move(target))
{
    const auto folder =
        m_target.has_parent_path() ? m_target.parent_path() : std::filesystem::path(".");
    for (int attempt = 0; attempt < 16 && m_fd < 0; ++attempt) {
        // Appended, not `"." + name`: GCC 12 -O3 reports a false -Wrestrict there (GCC bug 105329).
        m_temp = folder / std::string(".")
                              .append(m_target.filename().string())
                              .append(".tmp-")
                              .append(randomSuffix());
        m_fd = ::open(m_temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (m_fd < 0 && errno != EEXIST)
            break;
    }
    if (m_fd < 0)
        throw Error(failure("create a temporary file in", folder));
}

PendingFile::~PendingFile()
{
    if (m_fd >= 0)
        ::close(m_fd);
    if (!m_committed)
        ::unlink(m_temp.c_str());
}

void PendingFile::write(std::string_view bytes)
{
    if (!writeAll(m_fd, bytes))
        throw Error(failure("write", m_temp));
}

void PendingFile::commit()
{
    // The descriptor may be stale if a library rewrote the file by name: sync by path.
    ::close(m_fd);
    m_fd = -1;
    syncPath(m_temp, O_RDONLY);
    if (::rename(m_temp.c_str(), m_target.c_str()) != 0)
        throw Error(failure("replace", m_target));
    m_committed = true;
    const auto folder =
        m_target.has_parent_path() ? m_target.parent_path() : std::filesystem::path(".");
    syncPath(folder, O_RDONLY | O_DIRECTORY);
}

void writeFileAtomically(const std::filesystem::path &file, std::string_view bytes)
{
    PendingFile pending(file);
    pending.write(bytes);
    pending.commit();
}

} // namespace fp
