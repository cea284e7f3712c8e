#pragma once
// The body of a streamed upload: a byte range of a file read chunk by chunk as libcurl asks,
// so a 200 MB photo never sits in memory. Rewindable, because libcurl re-sends a request
// when a kept-alive connection turns out to be dead.

#include "httpmessage.h"

#include <cstdio>
#include <memory>

namespace fp {

/// Feeds one FileSlice to libcurl's read and seek callbacks.
class UploadBody
{
  public:
    /// Opens the file; throws SyncError when it cannot be read or is shorter than the slice.
    explicit UploadBody(const FileSlice &slice);

    /// libcurl's CURLOPT_READFUNCTION; `userdata` is the UploadBody.
    static std::size_t read(char *buffer, std::size_t size, std::size_t count, void *userdata);
    /// libcurl's CURLOPT_SEEKFUNCTION (offsets relative to the slice).
    static int seek(void *userdata, long long offset, int origin);

  private:
    struct Closer
    {
        void operator()(std::FILE *f) const { std::fclose(f); }
    };
    std::unique_ptr<std::FILE, Closer> m_file;
    FileSlice m_slice;
    std::int64_t m_sent = 0; // bytes of the slice handed to libcurl
};

} // namespace fp
