#include "jpegfile.h"

#include "core/error.h"

#include <cmath>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include <jpeglib.h>

namespace fp::sim {

namespace {

/// libjpeg's default error handler exits the process; this one jumps back to encode().
struct JumpingError
{
    jpeg_error_mgr base;
    std::jmp_buf back;
};

[[noreturn]] void jumpBack(j_common_ptr info)
{
    std::longjmp(reinterpret_cast<JumpingError *>(info->err)->back, 1);
}

/// A noisy gradient, different for every seed; xorshift64* keeps it the same on every machine.
class Pixels
{
  public:
    Pixels(int width, int height, std::uint64_t seed)
        : m_width(width), m_height(height), m_row(static_cast<std::size_t>(width) * 3),
          m_state(seed * 0x9E3779B97F4A7C15ull + 1), m_tint{static_cast<int>(seed * 37 % 256),
                                                            static_cast<int>(seed * 91 % 256),
                                                            static_cast<int>(seed * 53 % 256)}
    {
    }

    unsigned char *row(int y)
    {
        for (int x = 0; x < m_width; ++x) {
            const std::uint64_t r = next();
            const int gradient[3] = {x * 255 / m_width, y * 255 / m_height,
                                     (x + y) * 127 / (m_width + m_height)};
            for (int c = 0; c < 3; ++c) {
                const int noise = static_cast<int>((r >> (c * 8)) & 0x3f) - 32;
                const int v = (gradient[c] + m_tint[c]) / 2 + noise;
                m_row[static_cast<std::size_t>(x) * 3 + static_cast<std::size_t>(c)] =
                    static_cast<unsigned char>(v < 0     ? 0
                                               : v > 255 ? 255
                                                         : v);
            }
        }
        return m_row.data();
    }

  private:
    std::uint64_t next()
    {
        m_state ^= m_state >> 12;
        m_state ^= m_state << 25;
        m_state ^= m_state >> 27;
        return m_state * 2685821657736338717ull;
    }

    int m_width;
    int m_height;
    std::vector<unsigned char> m_row;
    std::uint64_t m_state;
    int m_tint[3];
};

/// The libjpeg part. No object with a destructor lives in this frame: longjmp skips them.
/// `pixels` lives in the caller's frame, which the jump does not leave.
bool encode(std::FILE *out, int width, int height, int quality, const char *comment, Pixels &pixels)
{
    jpeg_compress_struct info;
    JumpingError error;
    info.err = jpeg_std_error(&error.base);
    error.base.error_exit = jumpBack;
    if (setjmp(error.back)) {
        jpeg_destroy_compress(&info);
        return false;
    }
    jpeg_create_compress(&info);
    jpeg_stdio_dest(&info, out);
    info.image_width = static_cast<JDIMENSION>(width);
    info.image_height = static_cast<JDIMENSION>(height);
    info.input_components = 3;
    info.in_color_space = JCS_RGB;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, quality, TRUE);
    jpeg_start_compress(&info, TRUE);
    jpeg_write_marker(&info, JPEG_COM, reinterpret_cast<const JOCTET *>(comment),
                      static_cast<unsigned>(std::strlen(comment)));
    while (info.next_scanline < info.image_height) {
        JSAMPROW rows[1] = {pixels.row(static_cast<int>(info.next_scanline))};
        jpeg_write_scanlines(&info, rows, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    return true;
}

struct FileCloser
{
    void operator()(std::FILE *f) const { std::fclose(f); }
};

} // namespace

JpegInfo writeJpeg(const std::filesystem::path &file, int width, int height, std::uint64_t seed,
                   int quality)
{
    if (width < 8 || height < 8)
        throw Error("a simulated photo needs at least 8 x 8 pixels");
    std::unique_ptr<std::FILE, FileCloser> out(std::fopen(file.c_str(), "wb"));
    if (!out)
        throw Error("cannot write " + file.string());
    // The seed as a comment: two photos never share bytes even if their pixels did.
    const std::string comment = "fieldproof simulated photo " + std::to_string(seed);
    Pixels pixels(width, height, seed);
    if (!encode(out.get(), width, height, quality, comment.c_str(), pixels))
        throw Error("libjpeg failed to write " + file.string());
    if (std::fflush(out.get()) != 0 || std::ferror(out.get()))
        throw Error("cannot write " + file.string());
    out.reset();
    return JpegInfo{width, height, static_cast<std::int64_t>(std::filesystem::file_size(file))};
}

JpegInfo writeJpegOfSize(const std::filesystem::path &file, std::int64_t targetBytes,
                         std::uint64_t seed)
{
    // Bytes per pixel of this kind of image, measured on a small one.
    const JpegInfo probe = writeJpeg(file, 320, 240, seed);
    double perPixel = static_cast<double>(probe.bytes) / (320.0 * 240.0);
    JpegInfo made = probe;
    for (int attempt = 0; attempt < 2; ++attempt) {
        const double pixels = std::max(64.0, static_cast<double>(targetBytes) / perPixel);
        const int width = std::max(8, static_cast<int>(std::lround(std::sqrt(pixels * 4.0 / 3.0))));
        const int height = std::max(8, static_cast<int>(std::lround(width * 3.0 / 4.0)));
        made = writeJpeg(file, width, height, seed);
        const double ratio = static_cast<double>(made.bytes) / static_cast<double>(targetBytes);
        if (ratio > 0.9 && ratio < 1.1)
            break;
        perPixel = static_cast<double>(made.bytes) / (static_cast<double>(width) * height);
    }
    return made;
}

} // namespace fp::sim
