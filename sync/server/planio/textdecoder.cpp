#include "server/planio/textdecoder.h"

#include "core/error.h"

#include <array>
#include <cerrno>
#include <cstdio>
#include <iconv.h>
#include <memory>

namespace fp {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

struct IconvCloser
{
    void operator()(iconv_t cd) const { ::iconv_close(cd); }
};
using IconvHandle = std::unique_ptr<std::remove_pointer_t<iconv_t>, IconvCloser>;

/// `bytes` converted from `encoding` to UTF-8, or nothing if they are not valid in it.
std::optional<std::string> convertToUtf8(std::string_view bytes, const char *encoding)
{
    const iconv_t raw = ::iconv_open("UTF-8", encoding);
    // iconv_open() reports failure as (iconv_t)-1; the cast is its documented contract.
    if (raw == reinterpret_cast<iconv_t>(-1)) // NOLINT(performance-no-int-to-ptr)
        throw Error(std::string("This system's iconv cannot decode ") + encoding +
                    "; install the glibc character set modules (gconv).");
    const IconvHandle cd(raw);

    std::string out(bytes.size() * 2 + 16, '\0');
    // iconv() takes a non-const input pointer but never writes through it.
    char *in = const_cast<char *>(bytes.data());
    std::size_t inLeft = bytes.size();
    std::size_t used = 0;
    for (bool flushing = false;;) {
        char *outPtr = out.data() + used;
        std::size_t outLeft = out.size() - used;
        const std::size_t rc = flushing ? ::iconv(cd.get(), nullptr, nullptr, &outPtr, &outLeft)
                                        : ::iconv(cd.get(), &in, &inLeft, &outPtr, &outLeft);
        used = out.size() - outLeft;
        if (rc != static_cast<std::size_t>(-1)) {
            if (flushing)
                break;
            flushing = true;
            continue;
        }
        if (errno != E2BIG)
            return std::nullopt; // EILSEQ: invalid sequence; EINVAL: truncated at the end
        out.resize(out.size() * 2);
    }
    out.resize(used);
    return out;
}

std::string stripBom(std::string text)
{
    if (text.starts_with(kUtf8Bom))
        text.erase(0, kUtf8Bom.size());
    return text;
}

std::string hexByte(unsigned char b)
{
    std::array<char, 8> buf{};
    std::snprintf(buf.data(), buf.size(), "0x%02X", b);
    return buf.data();
}

} // namespace

std::optional<std::size_t> firstInvalidUtf8(std::string_view bytes)
{
    const auto n = bytes.size();
    for (std::size_t i = 0; i < n;) {
        const auto b0 = static_cast<unsigned char>(bytes[i]);
        std::size_t len = 0;
        char32_t min = 0;
        char32_t cp = 0;
        if (b0 < 0x80) {
            ++i;
            continue;
        } else if ((b0 & 0xE0) == 0xC0) {
            len = 2, min = 0x80, cp = b0 & 0x1Fu;
        } else if ((b0 & 0xF0) == 0xE0) {
            len = 3, min = 0x800, cp = b0 & 0x0Fu;
        } else if ((b0 & 0xF8) == 0xF0) {
            len = 4, min = 0x10000, cp = b0 & 0x07u;
        } else {
            return i;
        }
        if (i + len > n)
            return i;
        for (std::size_t k = 1; k < len; ++k) {
            const auto b = static_cast<unsigned char>(bytes[i + k]);
            if ((b & 0xC0) != 0x80)
                return i;
            cp = cp << 6 | (b & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return std::nullopt;
}

std::string decodeSheetText(std::string_view bytes)
{
    if (bytes.starts_with("PK\x03\x04"))
        throw ValidationError("The file is an XLSX workbook (or another zip file), not CSV text; "
                              "in Excel or WPS use Save As > CSV and import that file.");
    if (bytes.starts_with("\xD0\xCF\x11\xE0"))
        throw ValidationError("The file is an old Excel .xls workbook, not CSV text; "
                              "in Excel or WPS use Save As > CSV and import that file.");
    if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
        if (auto text = convertToUtf8(bytes, "UTF-16"))
            return stripBom(std::move(*text));
        throw ValidationError("The file starts like UTF-16 text but is not valid UTF-16; "
                              "save it from Excel or WPS as CSV (UTF-8) and import it again.");
    }
    if (bytes.find('\0') != std::string_view::npos)
        throw ValidationError("The file contains NUL bytes, so it is not CSV text (perhaps UTF-16 "
                              "without a byte order mark); save it from Excel or WPS as CSV "
                              "(UTF-8) and import it again.");
    const auto bad = firstInvalidUtf8(bytes);
    if (!bad)
        return stripBom(std::string(bytes));
    if (auto text = convertToUtf8(bytes, "GB18030"))
        return stripBom(std::move(*text));
    throw ValidationError("The file is neither UTF-8 nor GBK text (the byte " +
                          hexByte(static_cast<unsigned char>(bytes[*bad])) + " at offset " +
                          std::to_string(*bad) +
                          " is not valid in UTF-8, and the file is not "
                          "valid GBK either); save it from Excel or WPS as CSV (UTF-8) and "
                          "import it again.");
}

} // namespace fp
