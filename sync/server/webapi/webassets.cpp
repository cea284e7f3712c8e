#include "server/webapi/webassets.h"

#include <array>
#include <utility>

namespace fp {

std::string_view webContentType(std::string_view path)
{
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kTypes = {{
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".json", "application/json"},
    }};
    for (const auto &[ext, type] : kTypes) {
        if (path.ends_with(ext))
            return type;
    }
    return "application/octet-stream";
}

} // namespace fp
