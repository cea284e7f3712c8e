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
#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
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
/// The pieces one after the other (GCC 12 warns falsely on long operator+ chains).
std::string cat(std::initializer_list<std::string_view> parts)
{
    std::string out;
    for (const std::string_view part : parts)
        out.append(part);
    return out;
}

/// One row of `into` (a table and its columns) per number i of the series table n that `where`
/// lets through (1..count), made by `select`, in the order of i.
std::string rowsFromSeries(const std::string &into, const std::string &select,
                           const std::string &where)
{
    return cat(
        {"INSERT INTO ", into, " SELECT ", select, " FROM n WHERE ", where, " ORDER BY i;\n"});
}

std::string rowsFromSeries(const std::string &into, const std::string &select, std::int64_t count)
{
    return rowsFromSeries(into, select, "i <= " + num(count));
}

std::string generationSql(std::int64_t inspections, const std::string &inspectorRole)
{
    const std::int64_t enterprises = std::int64_t(kTowns) * kEnterprisesPerTown;
    const std::int64_t equipment = enterprises * kEquipmentPerEnterprise;
    const std::string ent = "((i * 7919) % " + num(enterprises) + " + 1)";
    const std::string townOf = "((" + ent + " - 1) / " + num(kEnterprisesPerTown) + " + 1)";
    const std::string townOfEnterprise = "((i - 1) / " + num(kEnterprisesPerTown) + " + 1)";
    const std::string enterpriseOfEquipment =
        "((i - 1) / " + num(kEquipmentPerEnterprise) + " + 1)";
    const std::string townOfEquipment = cat(
        {"(((i - 1) / ", num(kEquipmentPerEnterprise), ") / ", num(kEnterprisesPerTown), " + 1)"});
    const std::string at = cat({"'", kAt, "'"});
    const std::string filler(160, 'x');
    const std::string changeLog = "change_log (type, row_id, region_id, enterprise_id, assignees)";
    std::string sql;
    sql.append(
        rowsFromSeries("region (id, name, kind)", "'r-' || i, 'town-' || i, 'town'", kTowns));
    sql.append(rowsFromSeries(
        "enterprise (id, credit_code, name, region_id, industry)",
        cat({"'e-' || i, 'C' || i, 'Enterprise ' || i, 'r-' || ", townOfEnterprise, ", 'foundry'"}),
        enterprises));
    sql.append(rowsFromSeries(
        "equipment (id, enterprise_id, natural_key, kind, spec, count, capacity_value, "
        "capacity_unit, plan_year, action, dismantle_deadline)",
        cat({"'q-' || i, 'e-' || ", enterpriseOfEquipment,
             ", 'k-' || i, 'furnace', '2t', 1, 1.5, 't', 2026, 'dismantle', '2026-12-31'"}),
        equipment));
    // The plan import's change-log entries, in its order.
    sql.append(rowsFromSeries(changeLog, "'region', 'r-' || i, 'r-' || i, '', ''", kTowns));
    sql.append(rowsFromSeries(
        changeLog, cat({"'enterprise', 'e-' || i, 'r-' || ", townOfEnterprise, ", 'e-' || i, ''"}),
        enterprises));
    sql.append(rowsFromSeries(changeLog,
                              cat({"'equipment', 'q-' || i, 'r-' || ", townOfEquipment,
                                   ", 'e-' || ", enterpriseOfEquipment, ", ''"}),
                              equipment));
    // One inspector and one tablet per town, as the ports write them.
    sql.append(rowsFromSeries("app_user (id, username, password_hash, role)",
                              cat({"'u-' || i, 'insp-' || i, 'x', '", inspectorRole, "'"}),
                              kTowns));
    sql.append(rowsFromSeries("user_region (user_id, region_id)", "'u-' || i, 'r-' || i", kTowns));
    sql.append(rowsFromSeries("device (id, user_id, name, token_hash, enrolled_at)",
                              cat({"'d-' || i, 'u-' || i, 'tablet ' || i, 'token-' || i, ", at}),
                              kTowns));
    if (inspections == 0)
        return sql;
    const std::string data = cat({"'{\"id\":\"i-' || i || '\",\"enterprise_id\":\"e-' || ", ent,
                                  " || '\",\"kind\":\"survey\",\"notes\":\"", filler, "\"}'"});
    sql.append(rowsFromSeries("inspection (id, version, state, enterprise_id, kind, device_id, "
                              "content_hash, data, device_time, received_at)",
                              cat({"'i-' || i, 1, 'final', 'e-' || ", ent, ", 'survey', 'd-' || ",
                                   townOf, ", 'h-' || i, ", data, ", ", at, ", ", at}),
                              inspections));
    sql.append(rowsFromSeries(
        "review (inspection_id, state, reason, reviewed_at)",
        cat({"'i-' || i, CASE WHEN i % 3 = 0 THEN 'accepted' ELSE 'received' END, '', ", at}),
        inspections));
    sql.append(rowsFromSeries("push_audit (received_at, device_id, batch_id, type, item_id, "
                              "version, content_hash, status, device_time, data)",
                              cat({at, ", 'd-' || ", townOf,
                                   ", 'batch-' || (i / 500), 'inspection', 'i-' || i, 1, 'h-' || "
                                   "i, 'stored', ",
                                   at, ", ", data}),
                              inspections));
    const std::string reviewEntry =
        cat({"'review', 'i-' || i, 'r-' || ", townOf, ", 'e-' || ", ent, ", ''"});
    sql.append(rowsFromSeries(changeLog, reviewEntry, inspections));
    sql.append(rowsFromSeries("change_log (type, row_id, region_id, enterprise_id, assignees, "
                              "old_region_id, old_enterprise_id, old_assignees)",
                              cat({reviewEntry, ", 'r-' || ", townOf, ", 'e-' || ", ent, ", ''"}),
                              "i % 3 = 0 AND i <= " + num(inspections)));
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

/// Generates `inspections` in a new office with its schema made: `load(sql)` runs the script
/// (the back end's number series `series`, the generation, in one transaction) and whatever the
/// back end does after such a load; then measures pull and push on stores `open()` makes.
/// `scans`, when given, reports whole-table reads before the push and after the stores closed.
template <typename Load, typename Open>
Measure generateAndMeasure(std::int64_t inspections, int pushItems,
                           std::string (*series)(std::int64_t), const Load &load, const Open &open,
                           const std::function<std::string()> &scans = {})
{
    const auto t0 = std::chrono::steady_clock::now();
    load("BEGIN;\n" + series(std::max<std::int64_t>(inspections, 40000)) +
         generationSql(inspections, std::string(enumName(Role::Inspector))) +
         "DROP TABLE n;\nCOMMIT;\n");
    const double generated = secondsSince(t0);
    const std::string before = scans ? scans() : std::string();
    Office office;
    auto store = open();
    const std::int64_t logEntries = store->countRows("change_log");
    office.sync = std::move(store);
    office.accounts = open();
    Measure m = measure(office, pushItems);
    if (scans) {
        office = Office{}; // the stores' backends end and hand in their statistics
        m.scans = "before " + before + "; after " + scans();
    }
    m.generate_s = generated;
    m.log_entries = logEntries;
    return m;
}

Measure runSqlite(const QTemporaryDir &dir, std::int64_t inspections, int pushItems)
{
    const std::string file =
        dir.filePath(QString::fromStdString("office-" + num(inspections) + ".db")).toStdString();
    {
        const SqliteOfficeStore schema(file);
    } // the schema, as the server makes it
    return generateAndMeasure(
        inspections, pushItems, seriesSqlite,
        [&](const std::string &sql) { Database(file).execScript(sql); },
        [&] { return std::make_unique<SqliteOfficeStore>(file); });
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
    return generateAndMeasure(
        inspections, pushItems, seriesPg,
        [&](const std::string &sql) {
            PgConnection db(conninfo);
            db.execScript(sql);
            // What autovacuum would do soon after such a load: the planner's statistics.
            db.execScript("ANALYZE;");
        },
        [&] { return std::make_unique<PgOfficeStore>(conninfo); },
        [&] { return seqScans(conninfo); });
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
