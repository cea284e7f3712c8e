// libFuzzer: the office's thumbnail maker, the one decoder of device-sent photo bytes on the
// office (a device may upload any bytes under a valid hash). Whatever it accepts must come
// out as a JPEG within the size limit; whatever it refuses must be a ThumbnailError, never a
// crash, a hang or unbounded memory.

#include "server/thumbnails/thumbnail.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char *>(data), size);
    fp::ThumbnailLimits limits;
    limits.max_edge = 64;          // small output keeps each run fast
    limits.max_pixels = 4'000'000; // and small inputs: a fuzz run is not a photo
    limits.max_memory = 64 * 1024 * 1024;
    try {
        const std::string thumb = fp::makeThumbnail(bytes, limits);
        if (!fp::looksLikeJpeg(thumb))
            std::abort();
        // The thumbnail of a thumbnail is made the same way and never grows.
        const std::string again = fp::makeThumbnail(std::string_view(thumb), limits);
        if (!fp::looksLikeJpeg(again))
            std::abort();
    } catch (const fp::ThumbnailError &) {
    }
    return 0;
}
