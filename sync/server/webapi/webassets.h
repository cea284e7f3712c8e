#pragma once
// The office web page's static files (sync/server/web/), compiled into the server binary by
// cmake/embedfiles.cmake so that it serves them from any working directory.

#include <span>
#include <string_view>

namespace fp {

struct WebAsset
{
    std::string_view path; // relative to sync/server/web, e.g. "app.js"
    std::string_view bytes;
};

std::span<const WebAsset> webAssets();

/// The Content-Type for a file name by its extension (UTF-8 for text).
std::string_view webContentType(std::string_view path);

} // namespace fp
