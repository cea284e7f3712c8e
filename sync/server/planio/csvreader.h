#pragma once
// RFC 4180 CSV as Excel and WPS write it: quoted cells with embedded commas, doubled quotes and
// line breaks; CRLF, LF or CR line ends. Records remember the physical line they start on, so
// errors point at the line an office worker sees in a text editor.

#include <string>
#include <string_view>
#include <vector>

namespace fp {

/// One record (row) of a CSV file.
struct CsvRecord
{
    int line = 0; // 1-based physical line of the record's first character
    std::vector<std::string> cells;
};

/// The records of `text` (UTF-8). Empty lines are skipped. A quote inside an unquoted cell, or
/// text after a closing quote, is kept literally (as Excel does). Throws ValidationError when a
/// quoted cell is never closed, naming the line where it opens.
std::vector<CsvRecord> readCsv(std::string_view text, char delimiter = ',');

/// The delimiter of a sheet judged by its first non-empty line: a tab when it has tabs but no
/// commas ("Unicode text" exports), a semicolon likewise, otherwise a comma.
char guessDelimiter(std::string_view text);

} // namespace fp
