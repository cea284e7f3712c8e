// fieldproof-growthbench (issue 18 item 5): does the cost of a push and of a first pull grow
// with what the office already holds? For each back end (SQLite in a temporary folder, and
// PostgreSQL 15 on a private cluster, tests/support pgcluster) it makes two offices with the
// same plan (1,000 towns, 20,000 enterprises, 40,000 pieces of equipment): one without
// inspections, one that already holds N (default 1,000,000) with their reviews, push audit and
// change-log entries, generated in bulk with SQL in one transaction. In each it times, through
// the storage ports the server calls (SyncStore), the first pull of one town's scope (pages of
// 500, as the server's default) and a push of 10,000 inspections in batches of 500 (the
// server's largest). Not a test: it prints numbers for docs/performance.md.
//
//   fieldproof-growthbench [--inspections N] [--push N] [--backend sqlite|postgresql|both]

#include "core/enums.h"
#include "core/sha256.h"
#include "pgcluster.h"
#include "protocol/push.h"
#include "protocol/recordtype.h"
#include "server/domain/officerecords.h"
#include "server/domain/pullcursor.h"
#include "server/pgstore/pgofficestore.h"
#include "server/storage/sqliteofficestore.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using namespace fp;

namespace {

constexpr int kTowns = 1000;
constexpr int kEnterprisesPerTown = 20;
constexpr int kEquipmentPerEnterprise = 2;
constexpr int kPullLimit = 500;
constexpr int kPushBatch = 500;
constexpr const char *kAt = "2026-12-03T08:00:00.000Z";

double secondsSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::string num(std::int64_t n)
{
    return std::to_string(n);
}

/// The plan and `inspections` received inspections as plain SQL both back ends read alike,
/// over a helper table n(i) = 1..max that the caller makes first. Town t (1-based) holds
/// enterprises (t-1)*20+1 .. t*20; inspection i is of enterprise (i * 7919) % 20000 + 1, so the
/// towns' inspections are spread over the whole log, as an office's are. A third of the
/// reviews were decided later (a second change-log entry after all the first ones).
std::string generationSql(std::int64_t inspections, const std::string &inspectorRole)
{
    const std::int64_t enterprises = std::int64_t(kTowns) * kEnterprisesPerTown;
    const std::int64_t equipment = enterprises * kEquipmentPerEnterprise;
    const std::string ent = "((i * 7919) % " + num(enterprises) + " + 1)";
    const std::string townOf = "((" + ent + " - 1) / " + num(kEnterprisesPerTown) + " + 1)";
    const std::string filler(160, 'x');
    std::string sql;
    sql.append("INSERT INTO region (id, name, kind) SELECT 'r-' || i, 'town-' || i, 'town' FROM n "
               "WHERE i <= ")
        .append(num(kTowns))
        .append(" ORDER BY i;\n");
    sql.append("INSERT INTO enterprise (id, credit_code, name, region_id, industry) SELECT 'e-' || "
               "i, 'C' || i, 'Enterprise ' || i, 'r-' || ((i - 1) / ")
        .append(num(kEnterprisesPerTown))
        .append(" + 1), 'foundry' FROM n WHERE i <= ")
        .append(num(enterprises))
        .append(" ORDER BY i;\n");
    sql.append("INSERT INTO equipment (id, enterprise_id, natural_key, kind, spec, count, "
               "capacity_value, capacity_unit, plan_year, action, dismantle_deadline) SELECT "
               "'q-' || i, 'e-' || ((i - 1) / ")
        .append(num(kEquipmentPerEnterprise))
        .append(" + 1), 'k-' || i, 'furnace', '2t', 1, 1.5, 't', 2026, 'dismantle', "
                "'2026-12-31' FROM n WHERE i <= ")
        .append(num(equipment))
        .append(" ORDER BY i;\n");
    // The plan import's change-log entries, in its order.
    sql.append("INSERT INTO change_log (type, row_id, region_id, enterprise_id, assignees) SELECT "
               "'region', 'r-' || i, 'r-' || i, '', '' FROM n WHERE i <= ")
        .append(num(kTowns))
        .append(" ORDER BY i;\n");
    sql.append("INSERT INTO change_log (type, row_id, region_id, enterprise_id, assignees) SELECT "
               "'enterprise', 'e-' || i, 'r-' || ((i - 1) / ")
        .append(num(kEnterprisesPerTown))
        .append(" + 1), 'e-' || i, '' FROM n WHERE i <= ")
        .append(num(enterprises))
        .append(" ORDER BY i;\n");
    sql.append("INSERT INTO change_log (type, row_id, region_id, enterprise_id, assignees) SELECT "
               "'equipment', 'q-' || i, 'r-' || (((i - 1) / ")
        .append(num(kEquipmentPerEnterprise))
        .append(") / ")
        .append(num(kEnterprisesPerTown))
        .append(" + 1), 'e-' || ((i - 1) / ")
        .append(num(kEquipmentPerEnterprise))
        .append(" + 1), '' FROM n WHERE i <= ")
        .append(num(equipment))
        .append(" ORDER BY i;\n");
    // One inspector and one tablet per town, as the ports write them.
    sql.append("INSERT INTO app_user (id, username, password_hash, role) SELECT 'u-' || i, "
               "'insp-' || i, 'x', '")
        .append(inspectorRole)
        .append("' FROM n WHERE i <= ")
        .append(num(kTowns))
        .append(" ORDER BY i;\n");
    sql.append("INSERT INTO user_region (user_id, region_id) SELECT 'u-' || i, 'r-' || i FROM n "
               "WHERE i <= ")
        .append(num(kTowns))
        .append(";\n");
    sql.append("INSERT INTO device (id, user_id, name, token_hash, enrolled_at) SELECT 'd-' || i, "
               "'u-' || i, 'tablet ' || i, 'token-' || i, '")
        .append(kAt)
        .append("' FROM n WHERE i <= ")
        .append(num(kTowns))
        .append(";\n");
    if (inspections == 0)
        return sql;
    const std::string limit = " FROM n WHERE i <= " + num(inspections) + " ORDER BY i;\n";
    const std::string data = "'{\"id\":\"i-' || i || '\",\"enterprise_id\":\"e-' || " + ent +
                             " || '\",\"kind\":\"survey\",\"notes\":\"" + filler + "\"}'";
    sql.append("INSERT INTO inspection (id, version, state, enterprise_id, kind, device_id, "
               "content_hash, data, device_time, received_at) SELECT 'i-' || i, 1, 'final', "
               "'e-' || ")
        .append(ent)
        .append(", 'survey', 'd-' || ")
        .append(townOf)
        .append(", 'h-' || i, ")
        .append(data)
        .append(", '")
        .append(kAt)
        .append("', '")
        .append(kAt)
        .append("'")
        .append(limit);
    sql.append("INSERT INTO review (inspection_id, state, reason, reviewed_at) SELECT 'i-' || i, "
               "CASE WHEN i % 3 = 0 THEN 'accepted' ELSE 'received' END, '', '")
        .append(kAt)
        .append("'")
        .append(limit);
    sql.append("INSERT INTO push_audit (received_at, device_id, batch_id, type, item_id, version, "
               "content_hash, status, device_time, data) SELECT '")
        .append(kAt)
        .append("', 'd-' || ")
        .append(townOf)
        .append(", 'batch-' || (i / 500), 'inspection', 'i-' || i, 1, 'h-' || i, 'stored', '")
        .append(kAt)
        .append("', ")
        .append(data)
        .append(limit);
    sql.append("INSERT INTO change_log (type, row_id, region_id, enterprise_id, assignees) SELECT "
               "'review', 'i-' || i, 'r-' || ")
        .append(townOf)
        .append(", 'e-' || ")
        .append(ent)
        .append(", ''")
        .append(limit);
    sql.append("INSERT INTO change_log (type, row_id, region_id, enterprise_id, assignees, "
               "old_region_id, old_enterprise_id, old_assignees) SELECT 'review', 'i-' || i, "
               "'r-' || ")
        .append(townOf)
        .append(", 'e-' || ")
        .append(ent)
        .append(", '', 'r-' || ")
        .append(townOf)
        .append(", 'e-' || ")
        .append(ent)
        .append(", '' FROM n WHERE i % 3 = 0 AND i <= ")
        .append(num(inspections))
        .append(" ORDER BY i;\n");
    return sql;
}

struct Measure
{
    double generate_s = 0;
    double pull_s = 0;
    int pull_pages = 0;
    std::size_t pull_items = 0;
    std::size_t pull_deleted = 0;
    std::string pull_digest;
    double push_s = 0;
    std::size_t pushed = 0;
    std::int64_t log_entries = 0;
    std::string scans; // PostgreSQL: sequential scans of the push's tables during pull and push
};

/// The ports the bench measures through, on either back end.
struct Office
{
    std::unique_ptr<AccountStore> accounts;
    std::unique_ptr<SyncStore> sync;
};

PushCandidate candidate(const std::string &id, const std::string &enterpriseId)
{
    IncomingItem item;
    item.type = std::string(wire::kInspection);
    item.id = id;
    item.version = 1;
    item.state = InspectionState::Final;
    item.enterprise_id = enterpriseId;
    item.kind = VisitKind::Survey;
    item.data = R"({"id":")" + id + R"(","enterprise_id":")" + enterpriseId +
                R"(","kind":"survey","notes":"pushed by the growth bench"})";
    item.content_hash = sha256Hex(item.data);
    item.device_time = kAt;
    item.received_at = kAt;
    item.batch_id = "batch-" + id;
    return PushCandidate{item, std::nullopt, std::nullopt};
}

/// The measured town is town 1: its inspector and tablet through the ports.
Measure measure(Office &office, int pushItems)
{
    Measure m;
    const auto principal = office.accounts->findByTokenHash("token-1");
    if (!principal)
        throw std::runtime_error("the measured inspector has no device");

    auto t0 = std::chrono::steady_clock::now();
    std::optional<PullCursor> cursor;
    std::string keys;
    for (bool more = true; more; ++m.pull_pages) {
        if (m.pull_pages > 100000)
            throw std::runtime_error("the first pull did not end within 100,000 pages");
        const PullPage page = office.sync->pull(principal->user, cursor, kPullLimit);
        m.pull_items += page.items.size();
        m.pull_deleted += page.deleted.size();
        for (const auto &i : page.items)
            keys.append(i.type).append("/").append(i.id).append("\n");
        for (const auto &d : page.deleted)
            keys.append("-").append(d.type).append("/").append(d.id).append("\n");
        cursor = parsePullCursor(page.cursor);
        more = page.more;
    }
    m.pull_s = secondsSince(t0);
    m.pull_digest = sha256Hex(keys).substr(0, 12);

    t0 = std::chrono::steady_clock::now();
    for (int start = 0; start < pushItems; start += kPushBatch) {
        std::vector<PushCandidate> batch;
        for (int i = start; i < std::min(pushItems, start + kPushBatch); ++i)
            batch.push_back(candidate("p-" + std::to_string(i),
                                      "e-" + std::to_string(i % kEnterprisesPerTown + 1)));
        for (const auto &r : office.sync->applyPush(*principal, batch)) {
            if (r.status != PushStatus::Stored)
                throw std::runtime_error("a pushed item was not stored: " + r.id);
            ++m.pushed;
        }
    }
    m.push_s = secondsSince(t0);
    return m;
}

std::string seriesSqlite(std::int64_t max)
{
    return "CREATE TEMP TABLE n (i INTEGER PRIMARY KEY); INSERT INTO n (i) WITH RECURSIVE c(i) "
           "AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < " +
           num(max) + ") SELECT i FROM c;\n";
}

std::string seriesPg(std::int64_t max)
{
    return "CREATE TEMP TABLE n AS SELECT i::bigint AS i FROM generate_series(1, " + num(max) +
           ") AS i;\n";
}

Measure runSqlite(const QTemporaryDir &dir, std::int64_t inspections, int pushItems)
{
    const std::string file =
        dir.filePath(QString::fromStdString("office-" + num(inspections) + ".db")).toStdString();
    {
        const SqliteOfficeStore schema(file);
    } // the schema, as the server makes it
    Measure m;
    {
        const auto t0 = std::chrono::steady_clock::now();
        Database db(file);
        const std::int64_t series = std::max<std::int64_t>(inspections, 40000);
        db.execScript("BEGIN;\n" + seriesSqlite(series) +
                      generationSql(inspections, std::string(enumName(Role::Inspector))) +
                      "DROP TABLE n;\nCOMMIT;\n");
        m.generate_s = secondsSince(t0);
    }
    Office office;
    auto store = std::make_unique<SqliteOfficeStore>(file);
    m.log_entries = store->countRows("change_log");
    office.sync = std::move(store);
    office.accounts = std::make_unique<SqliteOfficeStore>(file);
    const Measure r = measure(office, pushItems);
    m.pull_s = r.pull_s;
    m.pull_pages = r.pull_pages;
    m.pull_items = r.pull_items;
    m.pull_deleted = r.pull_deleted;
    m.pull_digest = r.pull_digest;
    m.push_s = r.push_s;
    m.pushed = r.pushed;
    return m;
}

/// How often the tables a push looks rows up in were read whole (pg_stat_user_tables: scans,
/// rows read), once every other backend of the database has ended and handed in its counts.
std::string seqScans(const std::string &conninfo)
{
    PgConnection db(conninfo);
    for (int i = 0; i < 100; ++i) {
        if (db.exec("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND pid <> pg_backend_pid()")
                .integer(0, 0) == 0)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    const PgResult r =
        db.exec("SELECT relname, seq_scan, seq_tup_read FROM pg_stat_user_tables WHERE relname IN "
                "('inspection', 'review', 'device_statement', 'log_leaf') ORDER BY relname");
    std::string out;
    for (int i = 0; i < r.rows(); ++i)
        out.append(i ? ", " : "")
            .append(r.text(i, 0))
            .append(" ")
            .append(r.text(i, 1))
            .append("/")
            .append(r.text(i, 2));
    return out;
}

Measure runPg(test::PgCluster &cluster, std::int64_t inspections, int pushItems)
{
    const QString name = QString::fromStdString("growth_" + num(inspections));
    const std::string conninfo = cluster.createDatabase(name).toStdString();
    if (conninfo.empty())
        throw std::runtime_error(cluster.errorText().toStdString());
    {
        const PgOfficeStore schema(conninfo);
    } // the schema, as the server makes it
    Measure m;
    {
        const auto t0 = std::chrono::steady_clock::now();
        PgConnection db(conninfo);
        const std::int64_t series = std::max<std::int64_t>(inspections, 40000);
        db.execScript("BEGIN;\n" + seriesPg(series) +
                      generationSql(inspections, std::string(enumName(Role::Inspector))) +
                      "DROP TABLE n;\nCOMMIT;\n");
        // What autovacuum would do soon after such a load: the planner's statistics.
        db.execScript("ANALYZE;");
        m.generate_s = secondsSince(t0);
    }
    const std::string before = seqScans(conninfo);
    Office office;
    auto store = std::make_unique<PgOfficeStore>(conninfo);
    m.log_entries = store->countRows("change_log");
    office.sync = std::move(store);
    office.accounts = std::make_unique<PgOfficeStore>(conninfo);
    const Measure r = measure(office, pushItems);
    office = Office{}; // the store's backends end and hand in their statistics
    m.scans = "before " + before + "; after " + seqScans(conninfo);
    m.pull_s = r.pull_s;
    m.pull_pages = r.pull_pages;
    m.pull_items = r.pull_items;
    m.pull_deleted = r.pull_deleted;
    m.pull_digest = r.pull_digest;
    m.push_s = r.push_s;
    m.pushed = r.pushed;
    return m;
}

void print(const char *backend, std::int64_t inspections, const Measure &m)
{
    std::printf("%-10s %9lld inspections (%9lld log entries): generated in %6.1f s | first pull "
                "of town-1: %7.3f s, %4d pages, %5zu items, %zu tombstones [%s] | push of %zu: "
                "%6.2f s (%.0f items/s)\n",
                backend, static_cast<long long>(inspections), static_cast<long long>(m.log_entries),
                m.generate_s, m.pull_s, m.pull_pages, m.pull_items, m.pull_deleted,
                m.pull_digest.c_str(), m.pushed, m.push_s,
                m.push_s > 0 ? double(m.pushed) / m.push_s : 0.0);
    if (!m.scans.empty())
        std::printf("%-10s %9lld inspections: sequential scans / rows read: %s\n", backend,
                    static_cast<long long>(inspections), m.scans.c_str());
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    std::int64_t inspections = 1000000;
    int pushItems = 10000;
    std::string backend = "both";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--inspections") == 0)
            inspections = std::stoll(argv[i + 1]);
        else if (std::strcmp(argv[i], "--push") == 0)
            pushItems = std::stoi(argv[i + 1]);
        else if (std::strcmp(argv[i], "--backend") == 0)
            backend = argv[i + 1];
        else {
            std::fprintf(stderr,
                         "usage: %s [--inspections N] [--push N] "
                         "[--backend sqlite|postgresql|both]\n",
                         argv[0]);
            return 2;
        }
    }
    if (argc % 2 == 0 || inspections < 0 || pushItems < 0 ||
        (backend != "sqlite" && backend != "postgresql" && backend != "both")) {
        std::fprintf(stderr,
                     "usage: %s [--inspections N] [--push N] "
                     "[--backend sqlite|postgresql|both]\n",
                     argv[0]);
        return 2;
    }
    try {
        if (backend != "postgresql") {
            QTemporaryDir dir;
            if (!dir.isValid())
                throw std::runtime_error("no temporary folder");
            print("sqlite", 0, runSqlite(dir, 0, pushItems));
            if (inspections > 0)
                print("sqlite", inspections, runSqlite(dir, inspections, pushItems));
        }
        if (backend != "sqlite") {
            test::PgCluster cluster;
            if (!cluster.available())
                throw std::runtime_error(cluster.skipReason().toStdString());
            if (!cluster.start())
                throw std::runtime_error(cluster.errorText().toStdString());
            print("postgresql", 0, runPg(cluster, 0, pushItems));
            if (inspections > 0)
                print("postgresql", inspections, runPg(cluster, inspections, pushItems));
            cluster.stop();
        }
    } catch (const std::exception &e) {
        std::fprintf(stderr, "fieldproof-growthbench: %s\n", e.what());
        return 1;
    }
    return 0;
}
