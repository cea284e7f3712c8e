#pragma once
// Cell clean-up for sheets typed in Chinese offices: stray ASCII, full-width (U+3000) and
// non-breaking spaces, and full-width forms (０-９, Ａ-Ｚ, ．－／) that IMEs produce in numbers.

#include <string>
#include <string_view>

namespace fp {

/// `text` without leading and trailing whitespace: ASCII, NBSP, U+3000, U+FEFF, U+200B.
std::string trimSpaces(std::string_view text);
/// `text` with every such whitespace character removed (headers, codes, enum-like cells).
std::string removeSpaces(std::string_view text);
/// Full-width ASCII forms (U+FF01-U+FF5E) and U+3000 mapped to their ASCII counterparts.
std::string toHalfWidth(std::string_view text);
/// ASCII letters upper-cased; other bytes unchanged.
std::string toUpperAscii(std::string_view text);

} // namespace fp
