// libFuzzer: the header and URL values the office parses itself: Content-Range of a blob PUT,
// the blob id of /api/v1/blobs/{id}, the pull cursor. Whatever parses must format back to the
// same value and satisfy the parser's own promises.

#include "core/error.h"
#include "protocol/blobpath.h"
#include "protocol/contentrange.h"
#include "server/domain/pullcursor.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);

    if (const auto range = fp::parseContentRange(text)) {
        if (range->start < 0 || range->start > range->end || range->end >= range->total ||
            range->length() <= 0)
            std::abort();
        if (fp::parseContentRange(fp::formatContentRange(*range)) != range)
            std::abort();
    }

    if (fp::isValidBlobId(text)) {
        const auto path = fp::blobRelativePath(text);
        if (path.is_absolute() || path.string().find("..") != std::string::npos ||
            path.filename() != text)
            std::abort();
    }

    try {
        if (const auto cursor = fp::parsePullCursor(text)) {
            if (fp::parsePullCursor(fp::formatPullCursor(*cursor)) != cursor)
                std::abort();
        }
    } catch (const fp::DecodeError &) {
    }
    return 0;
}
