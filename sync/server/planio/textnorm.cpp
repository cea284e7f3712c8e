#include "server/planio/textnorm.h"

namespace fp {

namespace {

/// The code point at `text[pos]` and its length in bytes; text is valid UTF-8 (decoded already),
/// but a stray byte is returned as itself so that nothing is ever dropped.
std::pair<char32_t, std::size_t> codePointAt(std::string_view text, std::size_t pos)
{
    const auto b0 = static_cast<unsigned char>(text[pos]);
    const auto cont = [&](std::size_t i) {
        return pos + i < text.size() ? static_cast<unsigned char>(text[pos + i]) & 0x3Fu : 0u;
    };
    if (b0 < 0x80)
        return {b0, 1};
    if ((b0 & 0xE0) == 0xC0 && pos + 1 < text.size())
        return {char32_t((b0 & 0x1Fu) << 6 | cont(1)), 2};
    if ((b0 & 0xF0) == 0xE0 && pos + 2 < text.size())
        return {char32_t((b0 & 0x0Fu) << 12 | cont(1) << 6 | cont(2)), 3};
    if ((b0 & 0xF8) == 0xF0 && pos + 3 < text.size())
        return {char32_t((b0 & 0x07u) << 18 | cont(1) << 12 | cont(2) << 6 | cont(3)), 4};
    return {b0, 1};
}

bool isSpace(char32_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f' ||
           c == 0x00A0 || c == 0x3000 || c == 0xFEFF || c == 0x200B;
}

} // namespace

std::string trimSpaces(std::string_view text)
{
    std::size_t begin = 0;
    std::size_t end = 0; // one past the last non-space character
    bool seen = false;
    for (std::size_t pos = 0; pos < text.size();) {
        const auto [c, len] = codePointAt(text, pos);
        if (!isSpace(c)) {
            if (!seen)
                begin = pos;
            seen = true;
            end = pos + len;
        }
        pos += len;
    }
    return seen ? std::string(text.substr(begin, end - begin)) : std::string();
}

std::string removeSpaces(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size();) {
        const auto [c, len] = codePointAt(text, pos);
        if (!isSpace(c))
            out.append(text.substr(pos, len));
        pos += len;
    }
    return out;
}

std::string toHalfWidth(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size();) {
        const auto [c, len] = codePointAt(text, pos);
        if (c >= 0xFF01 && c <= 0xFF5E)
            out.push_back(static_cast<char>(c - 0xFF01 + 0x21));
        else if (c == 0x3000)
            out.push_back(' ');
        else
            out.append(text.substr(pos, len));
        pos += len;
    }
    return out;
}

std::string toUpperAscii(std::string_view text)
{
    std::string out(text);
    for (char &c : out) {
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

} // namespace fp
