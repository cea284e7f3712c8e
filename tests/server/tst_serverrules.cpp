// The office server's rules without HTTP: push decisions, pull cursors, scopes, yellow-card
// deadlines, plan natural keys, credentials, and the SQLite store's import and pull feed.

#include "core/clock.h"
#include "core/error.h"
#include "server/domain/carddeadline.h"
#include "server/domain/credentials.h"
#include "server/domain/progress.h"
#include "server/domain/pullcursor.h"
#include "server/domain/pushrules.h"
#include "server/domain/scope.h"
#include "server/domain/signinthrottle.h"
#include "server/exchange/listexport.h"
#include "server/exchange/planimport.h"
#include "server/planio/plansheet.h"
#include "server/storage/officeschema.h"
#include "server/storage/sqliteofficestore.h"

#include <QTemporaryDir>

#include <QtTest>
#include <filesystem>

using namespace fp;

namespace {

/// A plan sheet of 示例天成钢铁有限公司 of 马风镇: the head with `capacityColumns` (from the
/// capacity on), then one line per entry of `equipment` (the equipment's columns, from 设备名称
/// to 规格型号 and from the count on), numbered from 1.
std::string tianchengSheet(const std::string &capacityColumns,
                           const std::vector<std::string> &equipment)
{
    std::string sheet = "序号,属地,企业名称,统一社会信用代码,行业,法定代表人,联系电话,"
                        "企业地址,设备名称,规格型号,数量(台/条),";
    sheet.append(capacityColumns).append("\n");
    for (std::size_t i = 0; i < equipment.size(); ++i)
        sheet.append(std::to_string(i + 1))
            .append(",马风镇,示例天成钢铁有限公司,91210381G6P2UGEH1D,钢铁,刘明,13968301432,马风镇,")
            .append(equipment[i])
            .append("\n");
    return sheet;
}

/// An empty office store in a temporary folder, and a clock that stands still at the epoch.
struct ScratchOffice
{
    QTemporaryDir dir;
    SqliteOfficeStore store{dir.filePath("office.db").toStdString()};
    const ManualClock clock{TimePoint{}};

    /// The plan sheet `csv` imported into the store (no bad row skipped).
    PlanImportReport import(const std::string &csv)
    {
        return importPlanSheet(store, csv, false, clock);
    }
};

} // namespace

class TestServerRules : public QObject
{
    Q_OBJECT

  private slots:
    void pushDecisions();
    void pullCursors();
    void scopeVisibility();
    void yellowCardDeadline();
    void cardExtensionRules();
    void cardsFollowTheirStandard();
    void officeSchemaV3KeepsExistingCards();
    void importWarnsOnSealableFurnaces();
    void capacityUnitsComeFromTheSheet();
    void naturalKeysCountIdenticalLines();
    void listNames();
    void passwordsAndTokens();
    void signInThrottleGrowsAndLocks();
    void storeImportIsIdempotent();
    void storePullPagesAndEnds();
    void storeNoticesARestoredBackup();

  private:
    static PlanRow row(const std::string &code, const std::string &kind, double capacity);
};

PlanRow TestServerRules::row(const std::string &code, const std::string &kind, double capacity)
{
    PlanRow r;
    r.line = 2;
    r.region_name = "马风镇";
    r.enterprise_name = "企业" + code.substr(code.size() - 3);
    r.credit_code = code;
    r.equipment_kind = kind;
    r.spec = "5吨";
    r.count = 1;
    r.capacity = Capacity{capacity, "万吨/年"};
    r.deadline = "2017-10-31";
    return r;
}

void TestServerRules::pushDecisions()
{
    using D = PushDecision;
    const StoredRevision draft{2, "h2", InspectionState::Draft};
    const StoredRevision final{2, "h2", InspectionState::Final};
    QCOMPARE(decidePush(std::nullopt, 1, "h"), D::Store);
    QCOMPARE(decidePush(draft, 2, "h2"), D::Duplicate);
    QCOMPARE(decidePush(draft, 2, "other"), D::Conflict);
    QCOMPARE(decidePush(draft, 1, "h1"), D::Superseded);
    QCOMPARE(decidePush(draft, 3, "h3"), D::Store);
    QCOMPARE(decidePush(final, 2, "h2"), D::Duplicate);
    QCOMPARE(decidePush(final, 2, "other"), D::Conflict);
    QCOMPARE(decidePush(final, 1, "h1"), D::Superseded);
    QCOMPARE(decidePush(final, 3, "h3"), D::FinalImmutable);
}

void TestServerRules::pullCursors()
{
    QCOMPARE(parsePullCursor(""), std::nullopt);
    QCOMPARE(parsePullCursor("3.1042.5d0e77a1"), (PullCursor{3, 1042, "5d0e77a1"}));
    QCOMPARE(formatPullCursor(PullCursor{1, 0, "0"}), "1.0.0");
    QCOMPARE(pullCursorTag("01a214af-989f-7a5b-a32c-765b3c18b178"), "3c18b178");
    QCOMPARE(pullCursorTag(""), "0");
    for (const char *bad :
         {"x", "1", "1.2", "1.", ".1", "1.2.", "1.2.3.4", "-1.2.0", "1.-2.0", "1.2x.0",
          "9999999999999999999.1.0", " 1.2.0", "1.2.123456789", "1.2.a/b"})
        QVERIFY_THROWS_EXCEPTION(DecodeError, parsePullCursor(bad));
}

void TestServerRules::scopeVisibility()
{
    Scope s;
    s.username = "zhang";
    s.region_ids = {"r1"};
    s.enterprise_ids = {"e9"};
    s.extra_region_ids = {"r9"};
    QVERIFY(s.sees("region", RowKeys{"r1", {}, {}}));
    QVERIFY(s.sees("region", RowKeys{"r9", {}, {}}));
    QVERIFY(!s.sees("region", RowKeys{"r2", {}, {}}));
    QVERIFY(s.sees("enterprise", RowKeys{"r1", "e1", {}}));
    QVERIFY(s.sees("equipment", RowKeys{"r9", "e9", {}}));
    QVERIFY2(!s.sees("equipment", RowKeys{"r9", "e8", {}}),
             "an explicit enterprise does not open its whole region");
    QVERIFY(!s.sees("card", RowKeys{"r2", "e2", {}}));
    QVERIFY(s.sees("task", RowKeys{"r2", "e2", "li\nzhang"}));
    QVERIFY(!s.sees("task", RowKeys{"r1", "e1", "li\nzhangsan"}));
    QVERIFY(!s.sees("task", RowKeys{"r1", "e1", ""}));
    Scope office;
    office.everything = true;
    QVERIFY(office.sees("task", RowKeys{}));
    QCOMPARE(joinAssignees({"a", "b"}), "a\nb");
}

void TestServerRules::yellowCardDeadline()
{
    Card c;
    c.level = CardLevel::Yellow;
    c.department = "市经信局";
    c.issued_on = "2017-08-31";
    c = issueCard(c);
    QCOMPARE(c.rectify_by, std::optional<std::string>("2018-02-28"));
    QCOMPARE(c.state, CardState::Open);
    QVERIFY(!isCardOverdue(c, "2018-02-28"));
    QVERIFY(isCardOverdue(c, "2018-03-01"));
    c.state = CardState::Rectified;
    QVERIFY(!isCardOverdue(c, "2019-01-01"));

    Card red = c;
    red.level = CardLevel::Red;
    red = issueCard(red);
    QCOMPARE(red.rectify_by, std::nullopt);
    QVERIFY(!isCardOverdue(red, "2030-01-01"));

    Card bad = c;
    bad.issued_on = "2017-02-30";
    QVERIFY_THROWS_EXCEPTION(ValidationError, issueCard(bad));
}

void TestServerRules::cardExtensionRules()
{
    Card c;
    c.level = CardLevel::Yellow;
    c.standard = CardStandard::Energy;
    c.department = "市经信局";
    c.issued_on = "2017-03-15";
    c = issueCard(c); // rectify by 2017-09-15
    const auto extend = [](const Card &card, const char *to) {
        return extendCard(card, to, "2017-09-01", "设备改造需要时间");
    };
    QVERIFY_THROWS_EXCEPTION(ValidationError, extend(c, "2017-12-16")); // > 3 months
    QVERIFY_THROWS_EXCEPTION(ValidationError, extend(c, "2017-09-15")); // not later
    QVERIFY_THROWS_EXCEPTION(ValidationError, extend(c, "2017-13-01"));
    // The extension is on the enterprise's application: before the deadline, with a reason.
    QVERIFY_THROWS_EXCEPTION(ValidationError, extendCard(c, "2017-12-15", "2017-09-16", "原因"));
    QVERIFY_THROWS_EXCEPTION(ValidationError, extendCard(c, "2017-12-15", "2017-09-01", " "));
    const Card ext = extend(c, "2017-12-15");
    QCOMPARE(cardDeadline(ext), std::optional<std::string>("2017-12-15"));
    QCOMPARE(ext.extension_applied_on, std::optional<std::string>("2017-09-01"));
    QCOMPARE(ext.extension_reason, std::optional<std::string>("设备改造需要时间"));
    QVERIFY(!isCardOverdue(ext, "2017-12-15"));
    QVERIFY(isCardOverdue(ext, "2017-12-16"));
    QVERIFY_THROWS_EXCEPTION(ValidationError, extend(ext, "2017-11-01")); // only once
    Card red = c;
    red.level = CardLevel::Red;
    QVERIFY_THROWS_EXCEPTION(ValidationError, extend(issueCard(red), "2017-10-01"));
}

void TestServerRules::cardsFollowTheirStandard()
{
    Card c;
    c.level = CardLevel::Yellow;
    c.department = "市场监督管理局";
    c.issued_on = "2017-03-15";
    // Quality (产品质量法): 6 months, no extension.
    c.standard = CardStandard::Quality;
    const Card quality = issueCard(c);
    QCOMPARE(quality.rectify_by, std::optional<std::string>("2017-09-15"));
    QVERIFY(!isExtensible(quality));
    QVERIFY_THROWS_EXCEPTION(ValidationError,
                             extendCard(quality, "2017-10-01", "2017-09-01", "原因"));
    // Safety (安全生产法): 立即停产停业整顿 until the review date the office sets; no extension.
    c.standard = CardStandard::Safety;
    QVERIFY_THROWS_EXCEPTION(ValidationError, issueCard(c));
    QVERIFY_THROWS_EXCEPTION(ValidationError, issueCard(c, std::string("2017-03-14")));
    const Card safety = issueCard(c, std::string("2017-04-15"));
    QCOMPARE(safety.rectify_by, std::optional<std::string>("2017-04-15"));
    QVERIFY(!isExtensible(safety));
    QVERIFY(isCardOverdue(safety, "2017-04-16"));
    // Environment: restriction and the emission lists, never a yellow card.
    c.standard = CardStandard::Environment;
    QVERIFY_THROWS_EXCEPTION(ValidationError, issueCard(c));
    c.level = CardLevel::ExcessEmission;
    QCOMPARE(issueCard(c).rectify_by, std::nullopt);
    // A review date belongs to safety yellow cards only.
    QVERIFY_THROWS_EXCEPTION(ValidationError, issueCard(c, std::string("2017-04-15")));

    // Closure by law: the red-list entry, linked to its yellow card; history is final.
    const Card closed = changeCardState(quality, CardState::ClosedByLaw);
    const Card red = redCardFor(closed, "2017-10-01", "red-1");
    QCOMPARE(red.level, CardLevel::Red);
    QCOMPARE(red.state, CardState::ClosedByLaw);
    QCOMPARE(red.source_card_id, std::optional<std::string>(quality.id));
    QCOMPARE(red.enterprise_id, quality.enterprise_id);
    QCOMPARE(red.issued_on, std::string("2017-10-01"));
    QVERIFY_THROWS_EXCEPTION(ValidationError, changeCardState(closed, CardState::Open));
    QVERIFY_THROWS_EXCEPTION(ValidationError, changeCardState(red, CardState::Rectified));
}

void TestServerRules::officeSchemaV3KeepsExistingCards()
{
    QTemporaryDir dir;
    const std::filesystem::path file = dir.filePath("office.db").toStdString();
    {
        // An office database of schema 2 (before the card lifecycle), with one open card.
        Database db(file);
        QCOMPARE(migrate(db, officeSchemaSteps(), "office", 2), std::int64_t(0));
        db.execScript("INSERT INTO region VALUES ('r1', '马风镇', 'town');"
                      "INSERT INTO enterprise (id, credit_code, name, region_id) VALUES "
                      "('e1', '91210381G6P2UGEH1D', '示例天成钢铁有限公司', 'r1');"
                      "INSERT INTO card VALUES ('c1', 'e1', 'energy', 'yellow', '市经信局', "
                      "'2017-03-15', '2017-09-15', NULL, 'open');");
    }
    SqliteOfficeStore store(file); // migrates to the newest schema
    const auto card = store.findCard("c1");
    QVERIFY(card.has_value());
    QCOMPARE(card->rectify_by, std::optional<std::string>("2017-09-15"));
    QCOMPARE(card->source_card_id, std::nullopt);
    QVERIFY(store.cardHistory("c1").empty());
    // The migrated card takes part in the lifecycle: closed by law, it produces its red card.
    const Card closed = changeCardState(*card, CardState::ClosedByLaw);
    const Card red = redCardFor(closed, "2017-10-01", "c2");
    store.updateCard(closed, CardChange{"2017-10-01T00:00:00.000Z", "office", "closed_by_law", {}},
                     red);
    QCOMPARE(store.findCard("c2")->source_card_id, std::optional<std::string>("c1"));
    QCOMPARE(store.cardHistory("c1").size(), std::size_t(1));
    QCOMPARE(store.cardHistory("c2").at(0).action, std::string("produced"));
    QCOMPARE(store.cardList(CardLevel::Red).size(), std::size_t(1));
}

void TestServerRules::importWarnsOnSealableFurnaces()
{
    ScratchOffice office;
    const std::string sheet = tianchengSheet("产能(万吨/年),淘汰方式,计划完成时间",
                                             {"中频炉,5吨,1,5.2,封存后拆除,2017-10-31",
                                              "工频炉,3吨,2,3.0,拆除,2017-10-31",
                                              "机立窑,Φ2.8×10m,1,7.7,封存后拆除,2017-12-30"});
    const auto report = office.import(sheet);
    QVERIFY(report.imported);
    QCOMPARE(report.errors.size(), std::size_t(0));
    QCOMPARE(report.warnings.size(), std::size_t(1)); // the 中频炉 row only
    QCOMPARE(report.warnings[0].line, 2);
    QVERIFY2(report.warnings[0].reason.find("中频炉") != std::string::npos,
             report.warnings[0].reason.c_str());
}

// Issue 12 item 6: the unit comes from the 产能 header, a 产能单位 column or the cell; the
// progress figures keep one sum per unit; a header naming no annual unit stops the import.
void TestServerRules::capacityUnitsComeFromTheSheet()
{
    ScratchOffice office;
    const std::string units = "产能,产能单位,淘汰方式,计划完成时间";
    const std::string sheet =
        tianchengSheet(units, {"中频炉,5吨,1,5.2,,拆除,2017-10-31",
                               "平拉玻璃生产线,150吨/天,1,40,万重量箱/年,封存后拆除,2017-12-30",
                               "格法玻璃生产线,,1,12万重量箱/年,,封存后拆除,2017-12-30",
                               "工频炉,3吨,2,3.0,,拆除,2017-10-31"});
    const auto report = office.import(sheet);
    QVERIFY(report.imported);
    QCOMPARE(report.errors.size(), std::size_t(0));

    const Json p = progressReport(office.store.planList(), {}, {}, "2017-06-01");
    std::map<std::string, double> planned;
    for (const auto &c : p["total"]["capacity"])
        planned[c["unit"].get<std::string>()] = c["planned"].get<double>();
    const std::map<std::string, double> expected = {{"万吨/年", 8.2}, {"万重量箱/年", 52.0}};
    QCOMPARE(planned.size(), expected.size());
    for (const auto &[unit, value] : expected)
        QVERIFY2(std::abs(planned[unit] - value) < 1e-9, unit.c_str());

    // A row's unit that is not annual is a line error; a header's stops the import.
    const auto bad = parsePlanSheet(tianchengSheet(units, {"中频炉,5吨,1,5.2,吨,拆除,2017-10-31"}));
    QCOMPARE(bad.errors.size(), std::size_t(1));
    QVERIFY2(bad.errors[0].reason.find("产能单位") != std::string::npos,
             bad.errors[0].reason.c_str());
    QVERIFY_THROWS_EXCEPTION(ValidationError,
                             parsePlanSheet(tianchengSheet("产能(吨),淘汰方式,计划完成时间", {})));
}

void TestServerRules::naturalKeysCountIdenticalLines()
{
    const ManualClock clock(TimePoint{});
    const std::vector<PlanRow> rows = {row("91210381G6P2UGEH1D", "反射窑", 2.9),
                                       row("91210381G6P2UGEH1D", "反射窑", 2.9),
                                       row("91210381G6P2UGEH1D", "反射窑", 1.1)};
    const auto entries = planEntries(rows, clock);
    QCOMPARE(entries.size(), std::size_t(3));
    QVERIFY(entries[0].natural_key != entries[1].natural_key);
    QVERIFY(entries[0].natural_key.ends_with("|1"));
    QVERIFY(entries[1].natural_key.ends_with("|2"));
    QVERIFY(entries[2].natural_key.ends_with("|1"));
    QCOMPARE(entries[0].enterprise.id, entries[2].enterprise.id); // one enterprise
    QCOMPARE(entries[0].equipment.plan_year, 2017);
    // The same sheet gives the same keys.
    const auto again = planEntries(rows, clock);
    for (std::size_t i = 0; i < rows.size(); ++i)
        QCOMPARE(again[i].natural_key, entries[i].natural_key);
}

void TestServerRules::listNames()
{
    QCOMPARE(publishedListFromName("severe-excess-emission"),
             std::optional(PublishedList::SevereExcessEmission));
    QCOMPARE(publishedListFromName("Plan"), std::nullopt);
    QVERIFY(publishedListNames().find("completed") != std::string::npos);
}

void TestServerRules::passwordsAndTokens()
{
    const std::string hash = hashPassword("correct horse");
    QVERIFY(hash.starts_with("$argon2id$"));
    QVERIFY(verifyPassword(hash, "correct horse"));
    QVERIFY(!verifyPassword(hash, "correct horsf"));
    QVERIFY(hashPassword("correct horse") != hash); // salted
    const std::string a = newDeviceToken();
    QCOMPARE(a.size(), std::size_t(64));
    QVERIFY(a != newDeviceToken());
    QCOMPARE(deviceTokenHash(a).size(), std::size_t(64));
    QVERIFY(deviceTokenHash(a) != a);
}

// Issue 16 item 2: five wrong passwords in a row are heard, then each further one earns twice
// the wait; ten lock the account name for an hour or until an admin unlocks it; a right
// password forgets the failures. Unknown names are treated the same. The failures live in the
// office store (tst_throttlecontract checks the store on both back ends).
void TestServerRules::signInThrottleGrowsAndLocks()
{
    using std::chrono::seconds;
    ManualClock clock(TimePoint{} + std::chrono::hours(24 * 365 * 50));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    SqliteOfficeStore store(dir.filePath("office.db").toStdString());
    SignInThrottle throttle(store, clock);
    const std::string addr = "10.0.0.7";
    for (const std::string name : {"office", "no-such-user"}) {
        const std::string from = name == "office" ? addr : "10.0.0.8";
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(throttle.check(name, from).wait.count(), 0);
            throttle.failed(name, from);
        }
        seconds expected(1);
        for (int i = 5; i < 10; ++i) {
            const auto v = throttle.check(name, from);
            QCOMPARE(v.wait.count(), expected.count()); // heard only after the wait
            QVERIFY(!v.locked);
            clock.advance(v.wait);
            QCOMPARE(throttle.check(name, from).wait.count(), 0);
            throttle.failed(name, from);
            expected *= 2;
        }
        const auto locked = throttle.check(name, from);
        QVERIFY(locked.locked);
        QCOMPARE(locked.wait.count(), 3600);
        QVERIFY(throttle.isLocked(name));
        throttle.unlock(name);
        QVERIFY(!throttle.isLocked(name));
        QCOMPARE(throttle.check(name, from).wait.count(), 0); // the address is below its 20
    }
    // Another address piles up failures on many names: it is slowed on its own.
    for (int i = 0; i < 20; ++i)
        throttle.failed("name-" + std::to_string(i), "10.0.0.9");
    QCOMPARE(throttle.check("office", "10.0.0.9").wait.count(), 1);
    QCOMPARE(throttle.check("office", addr).wait.count(), 0);
    // A right password forgets the account's failures.
    for (int i = 0; i < 4; ++i)
        throttle.failed("admin", addr);
    throttle.succeeded("admin", addr);
    throttle.failed("admin", addr);
    QCOMPARE(throttle.check("admin", addr).wait.count(), 0);
    // A lock runs out by itself after an hour.
    for (int i = 0; i < 10; ++i) {
        clock.advance(throttle.check("zhang", addr).wait);
        throttle.failed("zhang", addr);
    }
    QVERIFY(throttle.isLocked("zhang"));
    clock.advance(std::chrono::hours(1));
    QVERIFY(!throttle.isLocked("zhang"));
}

void TestServerRules::storeImportIsIdempotent()
{
    QTemporaryDir dir;
    SqliteOfficeStore store((dir.path() + "/office.db").toStdString());
    const ManualClock clock(TimePoint{});
    const std::vector<PlanRow> rows = {row("91210381G6P2UGEH1D", "中频炉", 3.0),
                                       row("91210381G6P2UGEH1D", "工频炉", 2.0)};
    const auto first = store.importPlan(planEntries(rows, clock));
    QCOMPARE(first.regions_added, 1);
    QCOMPARE(first.enterprises_added, 1);
    QCOMPARE(first.equipment_added, 2);
    const auto log = store.countRows("change_log");
    const auto second = store.importPlan(planEntries(rows, clock));
    QCOMPARE(second, (PlanImportCounts{0, 0, 0, 0, 0, 2}));
    QCOMPARE(store.countRows("change_log"), log);

    auto changed = rows;
    changed[1].count = 3;
    const auto third = store.importPlan(planEntries(changed, clock));
    QCOMPARE(third.equipment_updated, 1);
    QCOMPARE(third.unchanged, 1);
    QCOMPARE(store.countRows("change_log"), log + 1);
    QVERIFY_THROWS_EXCEPTION(StoreRuleError, store.countRows("sqlite_master; DROP TABLE x"));
}

void TestServerRules::storePullPagesAndEnds()
{
    QTemporaryDir dir;
    SqliteOfficeStore store((dir.path() + "/office.db").toStdString());
    const ManualClock clock(TimePoint{});
    std::vector<PlanRow> rows;
    rows.reserve(10);
    for (int i = 0; i < 10; ++i)
        rows.push_back(row("91210381G6P2UGEH1D", "中频炉", 1.0 + i));
    store.importPlan(planEntries(rows, clock)); // 1 region + 1 enterprise + 10 equipment
    const UserAccount office =
        store.addUser(UserAccount{"u1", "office", Role::Office, "x"}, ScopeSpec{});
    std::optional<PullCursor> cursor;
    std::size_t items = 0;
    int pages = 0;
    for (; pages < 20; ++pages) {
        const PullPage page = store.pull(office, cursor, 5);
        items += page.items.size();
        QVERIFY(page.items.size() <= 5);
        cursor = parsePullCursor(page.cursor);
        if (!page.more)
            break;
    }
    QCOMPARE(items, std::size_t(12));
    QCOMPARE(pages + 1, 3);
    const PullPage noop = store.pull(office, cursor, 5);
    QVERIFY(noop.items.empty() && !noop.more && !noop.reset);
    QCOMPARE(parsePullCursor(noop.cursor), cursor);
    // A cursor from a future the store never reached (a restored backup) starts over.
    const PullPage future = store.pull(office, PullCursor{1, 9999, "0"}, 5);
    QVERIFY(future.reset);
    QCOMPARE(future.items.size(), std::size_t(5));
}

void TestServerRules::storeNoticesARestoredBackup()
{
    QTemporaryDir dir;
    const std::filesystem::path file = (dir.path() + "/office.db").toStdString();
    const std::filesystem::path backup = (dir.path() + "/backup.db").toStdString();
    const ManualClock clock(TimePoint{});
    const UserAccount office{"u1", "office", Role::Office, "x"};
    const auto pullToEnd = [](SqliteOfficeStore &store, const UserAccount &user,
                              std::optional<PullCursor> cursor, bool *reset) {
        for (int i = 0; i < 50; ++i) {
            const PullPage page = store.pull(user, cursor, 3);
            *reset |= page.reset;
            cursor = parsePullCursor(page.cursor);
            if (!page.more)
                break;
        }
        return cursor;
    };
    {
        SqliteOfficeStore store(file);
        store.addUser(office, ScopeSpec{});
        store.importPlan(planEntries({row("91210381G6P2UGEH1D", "中频炉", 1.0)}, clock));
    } // closed: the WAL is checkpointed into the file
    std::filesystem::copy_file(file, backup);
    std::optional<PullCursor> cursor;
    {
        SqliteOfficeStore store(file);
        store.importPlan(planEntries(
            {row("91210381G6P2UGEH1D", "中频炉", 2.0), row("91210381G6P2UGEH1D", "中频炉", 3.0)},
            clock));
        bool reset = false;
        cursor = pullToEnd(store, office, std::nullopt, &reset);
        QCOMPARE(cursor->seq, std::int64_t(5));
    }
    // The office restores the backup (3 log entries) and then makes new changes, which reuse
    // sequence numbers 4 and 5: the device's cursor must not skip them.
    std::filesystem::copy_file(backup, file, std::filesystem::copy_options::overwrite_existing);
    std::filesystem::remove(file.string() + "-wal");
    std::filesystem::remove(file.string() + "-shm");
    SqliteOfficeStore restored(file);
    restored.importPlan(planEntries(
        {row("91210381G6P2UGEH1D", "中频炉", 7.0), row("91210381G6P2UGEH1D", "中频炉", 8.0)},
        clock));
    const PullPage page = restored.pull(office, cursor, 100);
    QVERIFY2(page.reset, "a cursor from before a restore must restart the feed");
    QCOMPARE(page.items.size(), std::size_t(5)); // region, enterprise, 3 equipment
}

QTEST_GUILESS_MAIN(TestServerRules)
#include "tst_serverrules.moc"
