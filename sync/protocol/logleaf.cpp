#include "protocol/logleaf.h"

namespace fp {

namespace {

constexpr char kVersion = 0x01;
constexpr char kInspection = 0x01;
constexpr char kReview = 0x02;
constexpr char kStatement = 0x03;

void putInt(std::string &out, std::uint64_t v, int bytes)
{
    for (int i = bytes - 1; i >= 0; --i)
        out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

void putString(std::string &out, std::string_view s)
{
    putInt(out, s.size(), 4);
    out.append(s);
}

void putHash(std::string &out, const merkle::Hash &h)
{
    out.append(reinterpret_cast<const char *>(h.data()), h.size());
}

/// Reads fields in order; any short read leaves it failed.
class Reader
{
  public:
    explicit Reader(std::string_view bytes) : m_rest(bytes) {}

    std::uint64_t integer(std::size_t bytes)
    {
        std::uint64_t v = 0;
        if (!take(bytes))
            return 0;
        for (std::size_t i = 0; i < bytes; ++i)
            v = (v << 8) | static_cast<unsigned char>(m_taken[i]);
        return v;
    }
    std::string string()
    {
        const auto n = integer(4);
        return take(n) ? std::string(m_taken) : std::string();
    }
    merkle::Hash hash()
    {
        merkle::Hash h{};
        if (take(h.size()))
            std::copy(m_taken.begin(), m_taken.end(), h.begin());
        return h;
    }
    /// Every byte read, none missing and none left over.
    bool done() const { return m_ok && m_rest.empty(); }

  private:
    bool take(std::size_t n)
    {
        if (!m_ok || n > m_rest.size()) {
            m_ok = false;
            return false;
        }
        m_taken = m_rest.substr(0, n);
        m_rest.remove_prefix(n);
        return true;
    }

    std::string_view m_rest;
    std::string_view m_taken;
    bool m_ok = true;
};

} // namespace

std::string_view leafTypeName(const LogLeaf &leaf)
{
    if (std::holds_alternative<InspectionLeaf>(leaf))
        return "inspection";
    return std::holds_alternative<ReviewLeaf>(leaf) ? "review" : "statement";
}

std::string encodeLeaf(const LogLeaf &leaf)
{
    std::string out;
    out.push_back(kVersion);
    if (const auto *i = std::get_if<InspectionLeaf>(&leaf)) {
        out.push_back(kInspection);
        putString(out, i->inspection_id);
        putString(out, i->device_id);
        putInt(out, static_cast<std::uint64_t>(i->version), 8);
        putHash(out, i->data_sha256);
    } else if (const auto *s = std::get_if<StatementLeaf>(&leaf)) {
        out.push_back(kStatement);
        putString(out, s->inspection_id);
        putString(out, s->device_id);
        putInt(out, static_cast<std::uint64_t>(s->seq), 8);
        putHash(out, s->statement_sha256);
        putString(out, s->signature);
    } else {
        const auto &r = std::get<ReviewLeaf>(leaf);
        out.push_back(kReview);
        putString(out, r.inspection_id);
        putHash(out, r.data_sha256);
        putString(out, r.state);
        putString(out, r.reason);
        putString(out, r.reviewed_at);
    }
    return out;
}

std::optional<LogLeaf> decodeLeaf(std::string_view bytes)
{
    if (bytes.size() < 2 || bytes[0] != kVersion)
        return std::nullopt;
    Reader r(bytes.substr(2));
    LogLeaf leaf;
    if (bytes[1] == kInspection) {
        InspectionLeaf i;
        i.inspection_id = r.string();
        i.device_id = r.string();
        i.version = static_cast<std::int64_t>(r.integer(8));
        i.data_sha256 = r.hash();
        leaf = std::move(i);
    } else if (bytes[1] == kReview) {
        ReviewLeaf v;
        v.inspection_id = r.string();
        v.data_sha256 = r.hash();
        v.state = r.string();
        v.reason = r.string();
        v.reviewed_at = r.string();
        leaf = std::move(v);
    } else if (bytes[1] == kStatement) {
        StatementLeaf s;
        s.inspection_id = r.string();
        s.device_id = r.string();
        s.seq = static_cast<std::int64_t>(r.integer(8));
        s.statement_sha256 = r.hash();
        s.signature = r.string();
        leaf = std::move(s);
    } else {
        return std::nullopt;
    }
    if (!r.done())
        return std::nullopt;
    return leaf;
}

} // namespace fp
