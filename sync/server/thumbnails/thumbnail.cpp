#include "server/thumbnails/thumbnail.h"

#include "fs/file.h"
#include "protocol/blobpath.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include <jerror.h>
#include <jpeglib.h>

namespace fp {

namespace {

using Kind = ThumbnailError::Kind;

/// libjpeg's default error handler exits the process; this one jumps back to decode() or
/// encode() with the reason in `message`.
struct JumpingError
{
    jpeg_error_mgr base;
    std::jmp_buf back;
    Kind kind;
    std::size_t max_memory;
    char message[JMSG_LENGTH_MAX + 200];
};

[[noreturn]] void jumpBack(j_common_ptr info)
{
    auto *error = reinterpret_cast<JumpingError *>(info->err);
    if (error->base.msg_code == JERR_NO_BACKING_STORE) {
        // libjpeg-turbo has no temporary files: a whole-image buffer over max_memory_to_use
        // (a large progressive JPEG) ends here.
        error->kind = Kind::TooLarge;
        std::snprintf(error->message, sizeof error->message,
                      "decoding this JPEG would need more than %zu MiB", error->max_memory >> 20);
    } else {
        error->kind = Kind::Corrupt;
        (*info->err->format_message)(info, error->message);
    }
    std::longjmp(error->back, 1);
}

/// Warnings (corrupt data that libjpeg works around) go nowhere; the default prints them.
void ignoreMessage(j_common_ptr) {}

void setUpErrors(JumpingError &error, jpeg_error_mgr **slot, std::size_t maxMemory)
{
    *slot = jpeg_std_error(&error.base);
    error.base.error_exit = jumpBack;
    error.base.output_message = ignoreMessage;
    error.kind = Kind::Corrupt;
    error.max_memory = maxMemory;
    error.message[0] = '\0';
}

/// Refuses a progressive JPEG with an absurd number of scans (each one is a pass over the
/// whole image), as djpeg's -maxscans does.
struct ScanLimit
{
    jpeg_progress_mgr base;
    int max_scans;
};

void checkScans(j_common_ptr info)
{
    const auto *limit = reinterpret_cast<ScanLimit *>(info->progress);
    if (info->is_decompressor &&
        reinterpret_cast<j_decompress_ptr>(info)->input_scan_number > limit->max_scans) {
        auto *error = reinterpret_cast<JumpingError *>(info->err);
        error->kind = Kind::TooLarge;
        std::snprintf(error->message, sizeof error->message,
                      "the JPEG has more than %d progressive scans", limit->max_scans);
        std::longjmp(error->back, 1);
    }
}

bool resizeNoThrow(std::vector<unsigned char> &v, std::size_t size) noexcept
{
    try {
        v.resize(size);
        return true;
    } catch (...) {
        return false;
    }
}

bool appendNoThrow(std::string &s, const unsigned char *data, std::size_t size) noexcept
{
    try {
        s.append(reinterpret_cast<const char *>(data), size);
        return true;
    } catch (...) {
        return false;
    }
}

/// Where decode() reads: a file or bytes in memory.
struct Source
{
    std::FILE *file = nullptr;
    std::string_view bytes;
};

/// The image as libjpeg scaled it: RGB (3 components) or CMYK (4) rows, top to bottom.
struct Decoded
{
    int source_width = 0;
    int source_height = 0;
    int width = 0;
    int height = 0;
    int components = 3;
    bool adobe = false; // CMYK stored inverted, as Adobe writes it
    std::vector<unsigned char> pixels;
};

/// The libjpeg part of decoding. No object with a destructor lives in this frame: longjmp
/// skips them. `out` and `error` live in the caller's frame, which the jump does not leave.
bool decode(const Source &source, const ThumbnailLimits &limits, Decoded &out, JumpingError &error)
{
    jpeg_decompress_struct info;
    ScanLimit progress;
    setUpErrors(error, &info.err, limits.max_memory);
    if (setjmp(error.back)) {
        jpeg_destroy_decompress(&info);
        return false;
    }
    jpeg_create_decompress(&info);
    info.mem->max_memory_to_use = static_cast<long>(limits.max_memory);
    progress.base.progress_monitor = checkScans;
    progress.max_scans = limits.max_scans;
    info.progress = &progress.base;
    if (source.file)
        jpeg_stdio_src(&info, source.file);
    else
        jpeg_mem_src(&info, reinterpret_cast<const unsigned char *>(source.bytes.data()),
                     static_cast<unsigned long>(source.bytes.size()));
    jpeg_read_header(&info, TRUE);

    // Bound the work by what the header declares, before a single pixel is decoded.
    const std::uint64_t pixels = std::uint64_t{info.image_width} * info.image_height;
    if (pixels > limits.max_pixels) {
        error.kind = Kind::TooLarge;
        std::snprintf(error.message, sizeof error.message,
                      "the JPEG declares %u x %u pixels (%.1f megapixels); thumbnails are made "
                      "of photos of at most %.1f megapixels",
                      info.image_width, info.image_height, static_cast<double>(pixels) / 1e6,
                      static_cast<double>(limits.max_pixels) / 1e6);
        jpeg_destroy_decompress(&info);
        return false;
    }
    out.source_width = static_cast<int>(info.image_width);
    out.source_height = static_cast<int>(info.image_height);
    out.adobe = info.saw_Adobe_marker;
    const bool cmyk = info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK;
    info.out_color_space = cmyk ? JCS_CMYK : JCS_RGB;

    // The smallest DCT scale (1/8 ... 8/8) whose long edge still reaches max_edge: the IDCT
    // then makes at most a few times the thumbnail's pixels, never the photo's.
    for (unsigned m = 1; m <= 8; ++m) {
        info.scale_num = m;
        info.scale_denom = 8;
        jpeg_calc_output_dimensions(&info);
        if (std::max(info.output_width, info.output_height) >=
            static_cast<JDIMENSION>(limits.max_edge))
            break;
    }
    jpeg_start_decompress(&info);
    out.width = static_cast<int>(info.output_width);
    out.height = static_cast<int>(info.output_height);
    out.components = info.output_components;
    const std::size_t stride = std::size_t(info.output_width) * std::size_t(out.components);
    if (!resizeNoThrow(out.pixels, stride * info.output_height)) {
        std::snprintf(error.message, sizeof error.message, "out of memory");
        jpeg_destroy_decompress(&info);
        return false;
    }
    while (info.output_scanline < info.output_height) {
        JSAMPROW rows[1] = {out.pixels.data() + stride * info.output_scanline};
        jpeg_read_scanlines(&info, rows, 1);
    }
    // Not jpeg_finish_decompress: whatever follows the last scan is of no interest.
    jpeg_destroy_decompress(&info);
    return true;
}

/// A libjpeg destination that appends to a std::string in 16 KiB pieces.
struct StringDestination
{
    jpeg_destination_mgr base;
    std::string *out;
    unsigned char chunk[16384];
};

void startChunk(j_compress_ptr info)
{
    auto *d = reinterpret_cast<StringDestination *>(info->dest);
    d->base.next_output_byte = d->chunk;
    d->base.free_in_buffer = sizeof d->chunk;
}

boolean flushChunk(j_compress_ptr info)
{
    auto *d = reinterpret_cast<StringDestination *>(info->dest);
    if (!appendNoThrow(*d->out, d->chunk, sizeof d->chunk))
        ERREXIT1(info, JERR_OUT_OF_MEMORY, 0);
    startChunk(info);
    return TRUE;
}

void endChunks(j_compress_ptr info)
{
    auto *d = reinterpret_cast<StringDestination *>(info->dest);
    if (!appendNoThrow(*d->out, d->chunk, sizeof d->chunk - d->base.free_in_buffer))
        ERREXIT1(info, JERR_OUT_OF_MEMORY, 0);
}

/// The libjpeg part of encoding (RGB rows in, a baseline JPEG out); no destructors here either.
bool encode(const unsigned char *rgb, int width, int height, int quality,
            StringDestination &destination, JumpingError &error)
{
    jpeg_compress_struct info;
    setUpErrors(error, &info.err, 0);
    if (setjmp(error.back)) {
        jpeg_destroy_compress(&info);
        return false;
    }
    jpeg_create_compress(&info);
    destination.base.init_destination = startChunk;
    destination.base.empty_output_buffer = flushChunk;
    destination.base.term_destination = endChunks;
    info.dest = &destination.base;
    info.image_width = static_cast<JDIMENSION>(width);
    info.image_height = static_cast<JDIMENSION>(height);
    info.input_components = 3;
    info.in_color_space = JCS_RGB;
    jpeg_set_defaults(&info); // baseline, 4:2:0, JFIF
    jpeg_set_quality(&info, quality, TRUE);
    info.optimize_coding = TRUE; // smaller Huffman tables, still baseline
    jpeg_start_compress(&info, TRUE);
    const std::size_t stride = std::size_t(width) * 3;
    while (info.next_scanline < info.image_height) {
        JSAMPROW rows[1] = {const_cast<unsigned char *>(rgb) + stride * info.next_scanline};
        jpeg_write_scanlines(&info, rows, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    return true;
}

/// CMYK rows as libjpeg returns them to RGB (the naive formula browsers use without a
/// colour profile).
std::vector<unsigned char> cmykToRgb(const Decoded &image)
{
    const std::size_t count = std::size_t(image.width) * std::size_t(image.height);
    std::vector<unsigned char> rgb(count * 3);
    for (std::size_t i = 0; i < count; ++i) {
        const unsigned char *p = image.pixels.data() + i * 4;
        const int k = image.adobe ? p[3] : 255 - p[3];
        for (int c = 0; c < 3; ++c) {
            const int v = image.adobe ? p[c] : 255 - p[c];
            rgb[i * 3 + std::size_t(c)] = static_cast<unsigned char>((v * k + 127) / 255);
        }
    }
    return rgb;
}

/// Source pixels covering one target pixel along one axis, with the share of each.
struct Span
{
    int first = 0;
    std::vector<float> weights; // sum to 1
};

std::vector<Span> areaSpans(int from, int to)
{
    std::vector<Span> spans(static_cast<std::size_t>(to));
    const double scale = static_cast<double>(from) / to;
    for (int i = 0; i < to; ++i) {
        const double a = i * scale;
        const double b = (i + 1) * scale;
        Span &s = spans[static_cast<std::size_t>(i)];
        s.first = static_cast<int>(std::floor(a));
        const int last = std::min(from, static_cast<int>(std::ceil(b)));
        for (int j = s.first; j < last; ++j) {
            const double w = std::min<double>(b, j + 1) - std::max<double>(a, j);
            s.weights.push_back(static_cast<float>(w / scale));
        }
    }
    return spans;
}

/// Area averaging (a box filter with fractional edges) from w x h to tw x th RGB pixels:
/// every source pixel counts by the share of it a target pixel covers, so nothing aliases.
std::vector<unsigned char> shrink(const unsigned char *rgb, int w, int h, int tw, int th)
{
    const auto columns = areaSpans(w, tw);
    const auto rows = areaSpans(h, th);
    // Horizontal pass into floats (h x tw), then vertical into bytes (th x tw).
    std::vector<float> wide(std::size_t(h) * std::size_t(tw) * 3);
    for (int y = 0; y < h; ++y) {
        const unsigned char *in = rgb + std::size_t(y) * std::size_t(w) * 3;
        float *out = wide.data() + std::size_t(y) * std::size_t(tw) * 3;
        for (int x = 0; x < tw; ++x) {
            const Span &s = columns[std::size_t(x)];
            float acc[3] = {0, 0, 0};
            for (std::size_t k = 0; k < s.weights.size(); ++k) {
                const unsigned char *p = in + (std::size_t(s.first) + k) * 3;
                for (int c = 0; c < 3; ++c)
                    acc[c] += s.weights[k] * static_cast<float>(p[c]);
            }
            for (int c = 0; c < 3; ++c)
                out[std::size_t(x) * 3 + std::size_t(c)] = acc[c];
        }
    }
    std::vector<unsigned char> out(std::size_t(th) * std::size_t(tw) * 3);
    const std::size_t stride = std::size_t(tw) * 3;
    for (int y = 0; y < th; ++y) {
        const Span &s = rows[std::size_t(y)];
        unsigned char *dst = out.data() + std::size_t(y) * stride;
        for (std::size_t i = 0; i < stride; ++i) {
            float acc = 0;
            for (std::size_t k = 0; k < s.weights.size(); ++k)
                acc += s.weights[k] * wide[(std::size_t(s.first) + k) * stride + i];
            dst[i] = static_cast<unsigned char>(std::clamp(std::lround(acc), 0l, 255l));
        }
    }
    return out;
}

std::string thumbnailOf(const Source &source, const ThumbnailLimits &limits)
{
    Decoded image;
    JumpingError error;
    if (!decode(source, limits, image, error))
        throw ThumbnailError(error.kind, std::string("not a usable JPEG: ") + error.message);

    std::vector<unsigned char> rgb =
        image.components == 4 ? cmykToRgb(image) : std::move(image.pixels);
    // The thumbnail's size comes from the photo's own aspect, not from the DCT-scaled one
    // (which rounds each edge up to whole pixels).
    const bool landscape = image.source_width >= image.source_height;
    const int longEdge = std::min(limits.max_edge, std::max(image.width, image.height));
    const double shortEdge =
        static_cast<double>(landscape ? image.source_height : image.source_width) * longEdge /
        (landscape ? image.source_width : image.source_height);
    const int shortPixels = std::max(1, static_cast<int>(std::lround(shortEdge)));
    const int tw = landscape ? longEdge : shortPixels;
    const int th = landscape ? shortPixels : longEdge;
    if (tw != image.width || th != image.height)
        rgb = shrink(rgb.data(), image.width, image.height, tw, th);

    std::string jpeg;
    jpeg.reserve(std::size_t{32} * 1024);
    StringDestination destination;
    destination.out = &jpeg;
    if (!encode(rgb.data(), tw, th, limits.quality, destination, error))
        throw Error(std::string("cannot encode a thumbnail: ") + error.message);
    return jpeg;
}

} // namespace

bool looksLikeJpeg(std::string_view head)
{
    return head.size() >= 3 && head.starts_with("\xFF\xD8\xFF");
}

std::string makeThumbnail(std::string_view jpeg, const ThumbnailLimits &limits)
{
    if (!looksLikeJpeg(jpeg))
        throw ThumbnailError(Kind::NotJpeg, "not a JPEG");
    return thumbnailOf(Source{nullptr, jpeg}, limits);
}

std::string makeThumbnail(const std::filesystem::path &jpegFile, const ThumbnailLimits &limits)
{
    StdioFile in(std::fopen(jpegFile.c_str(), "rb"));
    if (!in)
        throw Error("cannot read " + jpegFile.string() + ": " + std::strerror(errno));
    return makeThumbnail(in.get(), limits);
}

std::string makeThumbnail(std::FILE *jpeg, const ThumbnailLimits &limits)
{
    char head[3] = {};
    const std::size_t n = std::fread(head, 1, sizeof head, jpeg);
    if (!looksLikeJpeg(std::string_view(head, n)))
        throw ThumbnailError(Kind::NotJpeg, "not a JPEG");
    std::rewind(jpeg);
    return thumbnailOf(Source{jpeg, {}}, limits);
}

ThumbnailCache::ThumbnailCache(std::filesystem::path dir, std::filesystem::path tmpDir)
    : m_dir(std::move(dir)), m_tmp(std::move(tmpDir))
{
}

std::filesystem::path ThumbnailCache::path(std::string_view id) const
{
    auto file = m_dir / blobRelativePath(id);
    file += ".jpg";
    return file;
}

std::optional<std::string> ThumbnailCache::find(std::string_view id) const
{
    std::ifstream in(path(id), std::ios::binary);
    if (!in)
        return std::nullopt;
    std::string bytes(std::istreambuf_iterator<char>(in), {});
    if (in.bad() || bytes.empty())
        return std::nullopt;
    return bytes;
}

void ThumbnailCache::store(std::string_view id, std::string_view jpeg) const
{
    // A name no other request uses: this process's id and a counter.
    static std::atomic<std::uint64_t> counter{0};
    const auto temp = m_tmp / ("thumb-" + std::string(id) + "-" + std::to_string(::getpid()) + "-" +
                               std::to_string(++counter) + ".tmp");
    const auto to = path(id);
    const auto fail = [&](const std::string &what) {
        std::error_code ignored;
        std::filesystem::remove(temp, ignored);
        throw Error(what);
    };
    {
        FileHandle f(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640));
        if (f.fd() < 0)
            fail("cannot create " + temp.string() + ": " + std::strerror(errno));
        if (!writeAll(f.fd(), jpeg))
            fail("cannot write " + temp.string() + ": " + std::strerror(errno));
    }
    std::error_code ec;
    std::filesystem::create_directories(to.parent_path(), ec);
    if (ec)
        fail("cannot create " + to.parent_path().string() + ": " + ec.message());
    if (::rename(temp.c_str(), to.c_str()) != 0)
        fail("cannot move a thumbnail to " + to.string() + ": " + std::strerror(errno));
}

} // namespace fp
