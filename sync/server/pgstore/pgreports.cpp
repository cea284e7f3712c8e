// PgOfficeStore: the read models (reportstore.h), as SqliteOfficeStore's (sqlitereports.cpp,
// sqliteinspections.cpp, sqliteaudit.cpp, sqliteevidence.cpp): the published lists' rows, the
// inspections the office holds, the pushed items it refused and an enterprise's evidence.

#include "server/pgstore/pgofficestore.h"
#include "server/pgstore/pgrows.h"
#include "server/storage/officerows.h"

#include <limits>
#include <map>

namespace fp {

namespace {

using officerows::kInspectionSelect;

OfficeInspection readInspection(const PgResult &r, int row)
{
    return officerows::readInspection(PgRow(r, row));
}

/// The enterprise a refused item's data names at inspection.enterprise_id, as SQLite's
/// CAST(json_extract(...) AS TEXT) gives it: "" for data that is not JSON or names none.
std::string namedEnterprise(const std::optional<std::string> &data)
{
    if (!data)
        return {};
    Json json;
    try {
        json = parseJson(*data);
    } catch (const std::exception &) {
        return {};
    }
    if (!json.is_object())
        return {};
    const auto inspection = json.find("inspection");
    if (inspection == json.end() || !inspection->is_object())
        return {};
    const auto id = inspection->find("enterprise_id");
    if (id == inspection->end() || id->is_null())
        return {};
    if (id->is_string())
        return id->get<std::string>();
    if (id->is_boolean())
        return id->get<bool>() ? "1" : "0";
    return id->dump(); // a number, or an object or array as JSON text
}

/// The first leaf of `type` recording `record` (an inspection id, or a review_history seq).
std::optional<std::int64_t> leafIndex(PgConnection &db, const char *type, const std::string &record)
{
    const PgResult r =
        db.exec("SELECT idx FROM log_leaf WHERE type = $1 AND record = $2 ORDER BY idx LIMIT 1",
                {std::string(type), record});
    if (r.rows() == 0)
        return std::nullopt;
    return r.integer(0, 0);
}

} // namespace

std::vector<PlanListRow> PgOfficeStore::planList()
{
    const PgPool::Lease lease(m_pool);
    static const std::string sql = officerows::planListQuery();
    const PgResult r = m_db.exec(sql);
    std::vector<PlanListRow> rows;
    rows.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i)
        rows.push_back(officerows::readPlanListRow(PgRow(r, i)));
    return rows;
}

std::vector<CardListRow> PgOfficeStore::cardList(CardLevel level)
{
    const PgPool::Lease lease(m_pool);
    static const std::string sql = officerows::cardListQuery("$1");
    const PgResult r = m_db.exec(sql, {std::string(enumName(level))});
    std::vector<CardListRow> rows;
    rows.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i)
        rows.push_back(officerows::readCardListRow(PgRow(r, i)));
    return rows;
}

std::vector<ReceivedInspection> PgOfficeStore::finalInspections()
{
    const PgPool::Lease lease(m_pool);
    const PgResult r = m_db.exec(officerows::kFinalInspectionsQuery);
    std::vector<ReceivedInspection> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i)
        out.push_back(officerows::readReceivedInspection(PgRow(r, i)));
    return out;
}

std::vector<OfficeInspection> PgOfficeStore::officeInspections(const std::string &enterpriseId)
{
    const PgPool::Lease lease(m_pool);
    static const std::string sql = std::string(kInspectionSelect) +
                                   "WHERE ($1 = '' OR i.enterprise_id = $1) ORDER BY "
                                   "i.received_at DESC, i.id DESC";
    const PgResult r = m_db.exec(sql, {enterpriseId});
    std::vector<OfficeInspection> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i)
        out.push_back(readInspection(r, i));
    return out;
}

std::optional<OfficeInspection> PgOfficeStore::findOfficeInspection(const std::string &id)
{
    const PgPool::Lease lease(m_pool);
    static const std::string sql = std::string(kInspectionSelect) + "WHERE i.id = $1";
    const PgResult r = m_db.exec(sql, {id});
    if (r.rows() == 0)
        return std::nullopt;
    return readInspection(r, 0);
}

std::vector<PushAuditEntry> PgOfficeStore::rejectedPushes(const std::string &code,
                                                          std::int64_t before, int limit)
{
    const PgPool::Lease lease(m_pool);
    // Newest first by audit number, so that a page continues below the last number of the one
    // before: a plain range on the primary key, however deep. The enterprise comes from the
    // item's own data (kept for every rejected item), read here rather than in SQL: PostgreSQL
    // 15 has no test for text that is not JSON.
    const PgResult r = m_db.exec(
        "SELECT a.seq, a.received_at, a.device_id, COALESCE(d.name, ''), "
        "COALESCE(u.username, ''), a.type, a.item_id, a.version, COALESCE(a.code, ''), "
        "COALESCE(a.reason, ''), a.device_time, a.data FROM push_audit a "
        "LEFT JOIN device d ON d.id = a.device_id LEFT JOIN app_user u ON u.id = d.user_id "
        "WHERE a.status = 'rejected' AND ($1 = '' OR a.code = $1) AND a.seq < $2 "
        "ORDER BY a.seq DESC LIMIT $3",
        {code, std::to_string(before > 0 ? before : std::numeric_limits<std::int64_t>::max()),
         std::to_string(limit)});
    std::map<std::string, std::string> names; // enterprise id -> name, "" for none
    std::vector<PushAuditEntry> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) {
        const std::string enterpriseId = namedEnterprise(r.optText(i, 11));
        auto name = names.find(enterpriseId);
        if (name == names.end()) {
            const PgResult e =
                m_db.exec("SELECT name FROM enterprise WHERE id = $1", {enterpriseId});
            name = names.emplace(enterpriseId, e.rows() > 0 ? e.text(0, 0) : std::string()).first;
        }
        out.push_back(PushAuditEntry{r.integer(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3),
                                     r.text(i, 4), r.text(i, 5), r.text(i, 6), r.integer(i, 7),
                                     r.text(i, 8), r.text(i, 9), r.text(i, 10), enterpriseId,
                                     name->second});
    }
    return out;
}

EvidenceSet PgOfficeStore::evidenceOf(const std::string &enterpriseId)
{
    const PgPool::Lease lease(m_pool);
    // One snapshot: the inspections, decisions and proofs all under the one newest head.
    PgTransaction read(m_db);
    m_db.execScript("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
    EvidenceSet out;
    out.office_public_key = m_log.signer() ? m_log.signer()->publicKeyHex() : std::string();
    out.head = m_log.latestHead(m_db);
    const std::int64_t size = out.head ? out.head->tree_size : 0;
    const auto proofOf = [&](std::int64_t index) {
        return bundle::LeafProof{index, m_log.inclusion(m_db, index, size).proof};
    };
    const PgResult finals =
        m_db.exec("SELECT i.id, i.data, i.device_id, i.version, COALESCE(i.statement, ''), "
                  "COALESCE(i.statement_signature, ''), d.device_id, k.public_key FROM inspection "
                  "i LEFT JOIN device_statement d ON d.inspection_id = i.id "
                  "LEFT JOIN device k ON k.id = d.device_id "
                  "WHERE i.enterprise_id = $1 AND i.state = 'final' ORDER BY i.received_at, i.id",
                  {enterpriseId});
    for (int i = 0; i < finals.rows(); ++i) {
        EvidenceInspection e;
        e.id = finals.text(i, 0);
        e.data = finals.text(i, 1);
        e.statement = finals.text(i, 4);
        e.signature = finals.text(i, 5);
        const Json data = parseJson(e.data);
        const Json &amends = data.at("inspection").value("amends_id", Json());
        if (amends.is_string())
            e.amends_id = amends.get<std::string>();
        e.proof.tree_size = size;
        e.proof.pushed_by = finals.text(i, 2);
        if (!finals.isNull(i, 6) && !finals.isNull(i, 7))
            out.device_keys[finals.text(i, 6)] = finals.text(i, 7);
        if (const auto at = leafIndex(m_db, "inspection", e.id); at && *at < size)
            e.proof.inspection_leaf = proofOf(*at);
        else
            throw StoreRuleError("the office log holds no signed leaf of final inspection '" +
                                 e.id + "'; run `fieldproof-server log verify`");
        if (const auto at = leafIndex(m_db, "statement", e.id); at && *at < size) {
            e.proof.statement_leaf = proofOf(*at);
            e.statement_logged = true;
        }
        const PgResult review =
            m_db.exec("SELECT seq, state, reason, reviewed_at FROM review_history WHERE "
                      "inspection_id = $1 ORDER BY seq DESC LIMIT 1",
                      {e.id});
        if (review.rows() > 0) {
            e.proof.review_state = review.text(0, 1);
            e.proof.review_reason = review.text(0, 2);
            e.proof.reviewed_at = review.text(0, 3);
            if (const auto at = leafIndex(m_db, "review", review.text(0, 0)); at && *at < size) {
                e.proof.review_leaf = proofOf(*at);
                e.review_logged = true;
            }
        }
        out.inspections.push_back(std::move(e));
    }
    return out; // the read transaction rolls back: nothing was written
}

} // namespace fp
