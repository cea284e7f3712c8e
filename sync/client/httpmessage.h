#pragma once
// One HTTP exchange as the sync engine sees it, independent of libcurl.

#include <cctype>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>

namespace fp {

/// A byte range of a local file sent as a request body, read in chunks while sending.
struct FileSlice
{
    std::filesystem::path file;
    std::int64_t offset = 0;
    std::int64_t length = 0;
};

/// A request relative to the server's base URL. `target` is the path with its query.
struct HttpRequest
{
    std::string method = "GET"; // GET, HEAD, POST, PUT
    std::string target;
    std::map<std::string, std::string> headers;
    std::string body;              // sent when `file` is empty
    std::optional<FileSlice> file; // streamed body (blob uploads)
    /// Called now and then with the bytes of the body sent so far (for progress bars).
    std::function<void(std::int64_t sent)> upload_progress;
};

/// An answer. Header names are lowercase; a repeated header keeps its last value.
struct HttpResponse
{
    int status = 0;
    std::map<std::string, std::string> headers;
    std::string body;

    /// The value of header `name`, matched without regard to case.
    std::optional<std::string> header(std::string name) const
    {
        for (char &c : name)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const auto it = headers.find(name);
        if (it == headers.end())
            return std::nullopt;
        return it->second;
    }
};

} // namespace fp
