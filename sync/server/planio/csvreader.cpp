#include "server/planio/csvreader.h"

#include "core/error.h"

namespace fp {

namespace {

/// Walks the text once; `line` follows every line end, inside quoted cells too.
class CsvScanner
{
  public:
    CsvScanner(std::string_view text, char delimiter) : m_text(text), m_delimiter(delimiter) {}

    std::vector<CsvRecord> records()
    {
        std::vector<CsvRecord> out;
        while (!atEnd()) {
            if (atLineEnd()) { // an empty line
                consumeLineEnd();
                continue;
            }
            out.push_back(record());
        }
        return out;
    }

  private:
    [[nodiscard]] bool atEnd() const { return m_pos >= m_text.size(); }
    [[nodiscard]] bool atLineEnd() const { return m_text[m_pos] == '\n' || m_text[m_pos] == '\r'; }

    void consumeLineEnd()
    {
        if (m_text[m_pos] == '\r' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '\n')
            ++m_pos;
        ++m_pos;
        ++m_line;
    }

    CsvRecord record()
    {
        CsvRecord rec;
        rec.line = m_line;
        for (;;) {
            rec.cells.push_back(cell());
            if (atEnd())
                break;
            if (m_text[m_pos] == m_delimiter) {
                ++m_pos; // "a,b," at the very end: the loop adds the empty last cell
                continue;
            }
            consumeLineEnd();
            break;
        }
        return rec;
    }

    /// One cell, leaving m_pos on the delimiter, the line end, or the end of the text.
    std::string cell()
    {
        std::string value;
        if (!atEnd() && m_text[m_pos] == '"')
            quoted(value);
        while (!atEnd() && m_text[m_pos] != m_delimiter && !atLineEnd())
            value.push_back(m_text[m_pos++]);
        return value;
    }

    void quoted(std::string &value)
    {
        const int openedOn = m_line;
        ++m_pos;
        for (;;) {
            if (atEnd())
                throw ValidationError("line " + std::to_string(openedOn) +
                                      ": a quoted cell starts here but its closing quote (\") "
                                      "is missing, so the rest of the file would be one cell.");
            const char c = m_text[m_pos];
            if (c == '"') {
                if (m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '"') {
                    value.push_back('"');
                    m_pos += 2;
                    continue;
                }
                ++m_pos;
                return;
            }
            // "\r\n" is one line end: count it at the '\n'.
            if (c == '\n' ||
                (c == '\r' && !(m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '\n')))
                ++m_line;
            value.push_back(c);
            ++m_pos;
        }
    }

    std::string_view m_text;
    char m_delimiter;
    std::size_t m_pos = 0;
    int m_line = 1;
};

} // namespace

std::vector<CsvRecord> readCsv(std::string_view text, char delimiter)
{
    return CsvScanner(text, delimiter).records();
}

char guessDelimiter(std::string_view text)
{
    const auto start = text.find_first_not_of("\r\n");
    if (start == std::string_view::npos)
        return ',';
    const auto end = text.find_first_of("\r\n", start);
    const auto first = text.substr(start, end == std::string_view::npos ? end : end - start);
    if (first.find(',') != std::string_view::npos)
        return ',';
    if (first.find('\t') != std::string_view::npos)
        return '\t';
    if (first.find(';') != std::string_view::npos)
        return ';';
    return ',';
}

} // namespace fp
