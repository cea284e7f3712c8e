#pragma once
// Turning the bytes of an exported sheet into UTF-8: Excel and WPS on Chinese Windows save CSV
// as GBK by default, as UTF-8 with a BOM when asked, and "Unicode text" as UTF-16.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace fp {

/// The offset of the first byte that breaks UTF-8 (overlongs, surrogates and code points above
/// U+10FFFF included), or nothing when all of `bytes` is well-formed UTF-8.
std::optional<std::size_t> firstInvalidUtf8(std::string_view bytes);

/// `bytes` as UTF-8 without a BOM: UTF-8 (with or without BOM), UTF-16 with a BOM, otherwise
/// GB18030 (a superset of GBK and GB2312). Throws ValidationError with a sentence the office can
/// act on when the bytes are none of these, or are a spreadsheet file rather than text.
std::string decodeSheetText(std::string_view bytes);

} // namespace fp
