#include "pngsignature.h"

#include <array>
#include <vector>

namespace fp::sim {

namespace {

constexpr int kWidth = 160;
constexpr int kHeight = 48;

std::uint32_t crc32(const std::string &data, std::size_t from)
{
    std::uint32_t c = 0xFFFFFFFFu;
    for (std::size_t i = from; i < data.size(); ++i) {
        c ^= static_cast<unsigned char>(data[i]);
        for (int k = 0; k < 8; ++k)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}

void put32(std::string &out, std::uint32_t v)
{
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<char>((v >> shift) & 0xFF));
}

void chunk(std::string &png, const char *type, const std::string &data)
{
    put32(png, static_cast<std::uint32_t>(data.size()));
    const std::size_t typeAt = png.size();
    png.append(type, 4);
    png += data;
    put32(png, crc32(png, typeAt));
}

/// A zlib stream of stored (uncompressed) deflate blocks: valid, and trivial to write.
std::string zlibStored(const std::string &raw)
{
    std::string z = {'\x78', '\x01'};
    std::uint32_t a = 1, b = 0;
    for (unsigned char ch : raw) {
        a = (a + ch) % 65521u;
        b = (b + a) % 65521u;
    }
    for (std::size_t at = 0; at < raw.size() || at == 0;) {
        const std::size_t n = std::min<std::size_t>(65535, raw.size() - at);
        const bool last = at + n >= raw.size();
        z.push_back(last ? '\x01' : '\x00');
        z.push_back(static_cast<char>(n & 0xFF));
        z.push_back(static_cast<char>(n >> 8));
        z.push_back(static_cast<char>(~n & 0xFF));
        z.push_back(static_cast<char>((~n >> 8) & 0xFF));
        z.append(raw, at, n);
        at += n;
        if (last)
            break;
    }
    put32(z, (b << 16) | a);
    return z;
}

} // namespace

std::string signaturePng(std::uint64_t seed)
{
    std::string raw;
    raw.reserve(std::size_t{kWidth + 1} * kHeight);
    for (int y = 0; y < kHeight; ++y) {
        raw.push_back('\0'); // filter: none
        for (int x = 0; x < kWidth; ++x) {
            // A wavy stroke whose phase and frequency come from the seed.
            const int wave = static_cast<int>((x * (3 + seed % 5) + seed * 7) % 40);
            const int strokeY = 8 + (wave < 20 ? wave : 40 - wave) + static_cast<int>(seed % 7);
            raw.push_back(y >= strokeY && y <= strokeY + 2 ? '\x10' : '\xF8');
        }
    }
    std::string png = "\x89PNG\r\n\x1a\n";
    std::string header;
    put32(header, kWidth);
    put32(header, kHeight);
    header += std::string{'\x08', '\x00', '\x00', '\x00', '\x00'}; // 8-bit grey, no interlace
    chunk(png, "IHDR", header);
    // The seed in a text chunk: two signatures never share bytes even if their strokes did.
    chunk(png, "tEXt",
          std::string("Comment") + '\0' + "fieldproof simulated " + std::to_string(seed));
    chunk(png, "IDAT", zlibStored(raw));
    chunk(png, "IEND", {});
    return png;
}

} // namespace fp::sim
