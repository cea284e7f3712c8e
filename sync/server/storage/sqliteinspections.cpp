// SqliteOfficeStore: the inspections the office holds, with who sent them, when they arrived
// and the office's review.

#include "core/sha256.h"
#include "server/storage/officerows.h"
#include "server/storage/sqliteofficestore.h"

namespace fp {

namespace {

constexpr const char *kInspectionSelect =
    "SELECT i.data, i.version, i.device_time, i.received_at, COALESCE(d.name, ''), "
    "COALESCE(u.username, ''), r.state, r.reason, r.reviewed_at, i.id, "
    "(SELECT COUNT(*) FROM review_history h WHERE h.inspection_id = i.id), "
    "(SELECT h.reviewed_by FROM review_history h WHERE h.inspection_id = i.id ORDER BY h.seq "
    "DESC LIMIT 1), i.statement "
    "FROM inspection i "
    "LEFT JOIN device d ON d.id = i.device_id LEFT JOIN app_user u ON u.id = d.user_id "
    "LEFT JOIN review r ON r.inspection_id = i.id ";

OfficeInspection readInspection(const Statement &s)
{
    OfficeInspection o;
    o.bundle = decode<InspectionBundle>(parseJson(s.text(0)));
    o.version = s.integer(1);
    o.device_time = s.text(2);
    o.received_at = s.text(3);
    o.device_name = s.text(4);
    o.username = s.text(5);
    if (!s.isNull(6)) {
        o.review = Review{s.text(9), officerows::enumOr(s.text(6), ReviewState::Received),
                          s.text(7), s.text(8)};
        o.review_version = s.integer(10);
        // The reviewer of the newest decision, when that decision recorded one (sqlitelog.cpp).
        if (!s.isNull(11) && o.review_version > 0)
            o.reviewed_by = s.text(11);
    }
    if (!s.isNull(12))
        o.statement_hash = sha256Hex(s.text(12)); // the statement hash (docs/protocol.md §7.3)
    return o;
}

} // namespace

std::vector<OfficeInspection> SqliteOfficeStore::officeInspections(const std::string &enterpriseId)
{
    std::lock_guard lock(m_mutex);
    Statement s(m_db, std::string(kInspectionSelect) +
                          "WHERE (? = '' OR i.enterprise_id = ?) ORDER BY i.received_at DESC, "
                          "i.id DESC");
    s.bind(1, enterpriseId).bind(2, enterpriseId);
    std::vector<OfficeInspection> out;
    while (s.step())
        out.push_back(readInspection(s));
    return out;
}

std::optional<OfficeInspection> SqliteOfficeStore::findOfficeInspection(const std::string &id)
{
    std::lock_guard lock(m_mutex);
    Statement s(m_db, std::string(kInspectionSelect) + "WHERE i.id = ?");
    if (!s.bind(1, id).step())
        return std::nullopt;
    return readInspection(s);
}

} // namespace fp
