#include "uploadbody.h"

#include "syncerror.h"

#include <curl/curl.h>

#include <algorithm>
#include <system_error>

namespace fp {

UploadBody::UploadBody(const FileSlice &slice)
    : m_file(std::fopen(slice.file.c_str(), "rb")), m_slice(slice)
{
    if (!m_file)
        throw SyncError("cannot read " + slice.file.string() + ": " +
                        std::generic_category().message(errno));
    std::error_code ec;
    const auto size = static_cast<std::int64_t>(std::filesystem::file_size(slice.file, ec));
    if (ec || slice.offset < 0 || slice.length < 0 || slice.offset + slice.length > size)
        throw SyncError(slice.file.string() + " is shorter than the part to upload");
    if (fseeko(m_file.get(), slice.offset, SEEK_SET) != 0)
        throw SyncError("cannot seek in " + slice.file.string());
}

std::size_t UploadBody::read(char *buffer, std::size_t size, std::size_t count, void *userdata)
{
    auto *self = static_cast<UploadBody *>(userdata);
    const std::int64_t left = self->m_slice.length - self->m_sent;
    const auto want =
        static_cast<std::size_t>(std::min<std::int64_t>(left, std::int64_t(size * count)));
    if (want == 0)
        return 0;
    const std::size_t got = std::fread(buffer, 1, want, self->m_file.get());
    if (got == 0)
        return CURL_READFUNC_ABORT; // the file shrank under us: never send a short body
    self->m_sent += static_cast<std::int64_t>(got);
    return got;
}

int UploadBody::seek(void *userdata, long long offset, int origin)
{
    auto *self = static_cast<UploadBody *>(userdata);
    if (origin != SEEK_SET || offset < 0 || offset > self->m_slice.length)
        return CURL_SEEKFUNC_CANTSEEK;
    if (fseeko(self->m_file.get(), self->m_slice.offset + offset, SEEK_SET) != 0)
        return CURL_SEEKFUNC_FAIL;
    self->m_sent = offset;
    return CURL_SEEKFUNC_OK;
}

} // namespace fp
