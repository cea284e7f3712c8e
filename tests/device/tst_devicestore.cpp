// The device store: schema versions, office rows, the outbox, finalise rules, immutability of
// final inspections (through the API and in raw SQL), corrections, and the photo folder.

#include "core/json.h"
#include "core/sha256.h"
#include "db/migrations.h"
#include "device/deviceschema.h"
#include "device/devicestore.h"
#include "devicetest.h"
#include "testimages.h"

#include <sqlite3.h>

#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace fp;

namespace {

std::string pngBytes(int seed)
{
    QImage image(120, 40, QImage::Format_RGB32);
    image.fill(QColor::fromRgb(static_cast<QRgb>(seed * 7919)));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes.toStdString();
}

/// True when `write` fails on one of the device schema's guard triggers (RAISE): on a connection
/// of the test's own that is a StoreError; the store turns it into ImmutableError on its own.
template <typename Write> bool refusedByGuard(Write write)
{
    try {
        write();
    } catch (const StoreError &e) {
        return e.code() == SQLITE_CONSTRAINT_TRIGGER;
    }
    return false;
}

} // namespace

class TestDeviceStore : public test::DeviceStoreTest
{
    Q_OBJECT

  private slots:
    void opensWithDurableSettings();
    void refusesNewerSchema();
    void migratesFromFirstSchema();
    void officeRowsRoundTrip();
    void scopeResetKeepsEvidence();
    void outboxFollowsEveryChange();
    void outboxIsAtomicWithTheChange();
    void finaliseEnforcesEvidenceRules();
    void acceptanceNeedsSignedOpinion();
    void finalIsImmutableThroughTheStore();
    void finalIsImmutableInSql();
    void correctionAmendsFinal();
    void photoStoreDeduplicatesAndSweeps();
    void signedOpinionIsFrozen();
    void importedPhotoKeepsItsOwnTime();
    void migratesPhotoSource();

  private:
    /// device.db as an older release wrote it: the schema up to `version`, then `rows`.
    void writeOldDatabase(int version, const std::string &rows);
    /// A new visit of `kind` to ent-1.
    static Inspection startVisit(DeviceStore &store, VisitKind kind,
                                 std::vector<std::string> inspectors = {});
    Inspection draftWithCheck(DeviceStore &store, Finding finding, EquipmentCheck *checkOut);
    void addPhoto(DeviceStore &store, const Inspection &visit, const std::string &checkId,
                  EvidenceTag tag);
    Inspection finalVisit(DeviceStore &store);
};

void TestDeviceStore::writeOldDatabase(int version, const std::string &rows)
{
    Database db(databaseFile());
    migrate(db, deviceSchemaSteps(), "test", version);
    QCOMPARE(db.userVersion(), std::int64_t(version));
    db.execScript(rows);
}

Inspection TestDeviceStore::startVisit(DeviceStore &store, VisitKind kind,
                                       std::vector<std::string> inspectors)
{
    NewInspection start;
    start.enterprise_id = "ent-1";
    start.kind = kind;
    start.inspectors = std::move(inspectors);
    return store.startInspection(start);
}

Inspection TestDeviceStore::draftWithCheck(DeviceStore &store, Finding finding,
                                           EquipmentCheck *checkOut)
{
    Inspection visit = startVisit(store, VisitKind::Exit, {"张伟"});
    EquipmentCheck check;
    check.inspection_id = visit.id;
    check.equipment_id = "eq-1";
    check.finding = finding;
    *checkOut = store.saveCheck(check);
    return visit;
}

void TestDeviceStore::addPhoto(DeviceStore &store, const Inspection &visit,
                               const std::string &checkId, EvidenceTag tag)
{
    const QString file = newShot();
    QVERIFY(!file.isEmpty());
    const auto check = checkId.empty() ? std::nullopt : std::optional(checkId);
    store.addPhoto(NewPhoto{
        visit.id, check, tag, file.toStdString(), 320, 240, {}, "现场", PhotoSource::Camera, {}});
}

Inspection TestDeviceStore::finalVisit(DeviceStore &store)
{
    EquipmentCheck check;
    const Inspection visit = draftWithCheck(store, Finding::Dismantled, &check);
    addPhoto(store, visit, check.id, EvidenceTag::DismantledSite);
    const auto problems = store.finalise(visit.id);
    if (!problems.empty())
        qFatal("finalise failed: %s", problems.front().message.c_str());
    return *store.inspection(visit.id);
}

void TestDeviceStore::opensWithDurableSettings()
{
    auto store = open();
    QVERIFY(store->durableCommits()); // synchronous=FULL on the store's own connection
    store->setDurableCommits(false);
    QVERIFY(!store->durableCommits());
    store->setDurableCommits(true);
    QVERIFY(store->durableCommits());
    // The file's settings, seen from a connection of the test's own (fp::Database sets
    // synchronous and foreign keys on every connection, the store's included).
    Database db(store->databaseFile());
    QCOMPARE(db.userVersion(), std::int64_t(deviceSchemaSteps().size()));
    Statement mode(db, "PRAGMA journal_mode");
    QVERIFY(mode.step());
    QCOMPARE(QString::fromStdString(mode.text(0)), QString("wal"));
    Statement sync(db, "PRAGMA synchronous");
    QVERIFY(sync.step());
    QCOMPARE(sync.integer(0), std::int64_t(2)); // FULL
    Statement fk(db, "PRAGMA foreign_keys");
    QVERIFY(fk.step());
    QCOMPARE(fk.integer(0), std::int64_t(1));
}

void TestDeviceStore::refusesNewerSchema()
{
    open().reset();
    {
        Database db(databaseFile());
        db.setUserVersion(99);
    }
    QVERIFY_THROWS_EXCEPTION(SchemaTooNewError, open());
    Database db(databaseFile());
    QCOMPARE(db.userVersion(), std::int64_t(99)); // refused, not rewritten
}

void TestDeviceStore::migratesFromFirstSchema()
{
    // A database as the first release wrote it, with one visit in it.
    writeOldDatabase(
        1, "INSERT INTO inspections VALUES ('v1', NULL, 'ent-1', 'survey', '[\"李\"]', '王', "
           "'2017-05-01T08:00:00.000Z', NULL, 40.85, 122.7, 8.0, 'final', '旧记录', 3);"
           "INSERT INTO equipment_checks VALUES ('c1', 'v1', 'eq-1', NULL, 'operating', 0, 0, "
           "0, 0, '[]', '', NULL, NULL, NULL, '2017-05-01T08:10:00.000Z');");
    auto store = open();
    Database db(store->databaseFile()); // a connection of the test's own (WAL)
    QCOMPARE(db.userVersion(), std::int64_t(deviceSchemaSteps().size()));
    const InspectionBundle b = store->bundle("v1");
    QCOMPARE(b.inspection.notes, std::string("旧记录"));
    QCOMPARE(b.inspection.inspectors, std::vector<std::string>{"李"});
    QVERIFY(!b.inspection.amends_id.has_value());
    QCOMPARE(b.checks.size(), std::size_t(1));
    QCOMPARE(b.checks[0].finding, Finding::Operating);
    // Version 2's guards now protect the old final inspection too.
    Statement update(db, "UPDATE inspections SET notes = 'x' WHERE id = 'v1'");
    QVERIFY(refusedByGuard([&] { update.exec(); }));
    QVERIFY(!store->review("v1").has_value()); // the reviews table exists and is empty
}

void TestDeviceStore::officeRowsRoundTrip()
{
    auto store = open();
    const Region region{"r1", "马风镇", RegionKind::Town};
    const Enterprise ent{"e1",
                         "91210381G6P2UGEH1D",
                         "示例天成钢铁有限公司",
                         "r1",
                         "钢铁",
                         "海城市马风镇二村",
                         "刘明",
                         "13968301432",
                         Position{40.85, 122.75, std::nullopt}};
    const Equipment eq{"q1",        "e1", "工频炉",
                       "3吨",       2,    Capacity{3.0, "万吨/年"},
                       "",          2017, RequiredAction::SealThenDismantle,
                       "2017-12-30"};
    const Card card{
        "k1",         "e1",         CardStandard::Energy, CardLevel::Yellow, "市经信局",
        "2017-05-20", "2017-11-20", std::nullopt,         CardState::Open,   std::nullopt,
        std::nullopt, std::nullopt};
    const Task task{"t1", "e1", VisitKind::Exit, "2017-10-31", {"zhang", "li"}};
    const Review review{"v9", ReviewState::Returned, "封条照片不清楚", "2017-11-02T09:00:00.000Z"};
    store->put(region);
    store->put(ent);
    store->put(eq);
    store->put(card);
    store->put(task);
    store->put(review);
    QCOMPARE(store->regions(), std::vector<Region>{region});
    QCOMPARE(store->enterprise("e1"), std::optional<Enterprise>(ent));
    QCOMPARE(store->equipmentOf("e1"), std::vector<Equipment>{eq});
    QCOMPARE(store->cardsOf("e1"), std::vector<Card>{card});
    QCOMPARE(store->tasks(), std::vector<Task>{task});
    QCOMPARE(store->review("v9"), std::optional<Review>(review));

    Enterprise renamed = ent;
    renamed.name = "示例天成钢铁集团";
    store->put(renamed);
    QCOMPARE(store->enterprises(), std::vector<Enterprise>{renamed});
    store->removeOfficeRow("equipment", "q1");
    QVERIFY(store->equipmentOf("e1").empty());
    QVERIFY_THROWS_EXCEPTION(Error, store->removeOfficeRow("inspection", "x"));
}

void TestDeviceStore::scopeResetKeepsEvidence()
{
    auto store = open();
    store->put(Enterprise{"ent-1", "91210381G6P2UGEH1D", "示例", "r1", "", "", "", "", {}});
    const Inspection visit = finalVisit(*store);
    store->clearOfficeRows();
    QVERIFY(store->enterprises().empty());
    QCOMPARE(store->bundle(visit.id).photos.size(), std::size_t(1));
}

void TestDeviceStore::outboxFollowsEveryChange()
{
    auto store = open();
    QCOMPARE(store->pendingCount(), std::int64_t(0));
    EquipmentCheck check;
    const Inspection visit = draftWithCheck(*store, Finding::Sealed, &check);
    auto expectQueued = [&](std::int64_t version) {
        const auto items = store->pendingOutbox();
        QCOMPARE(items.size(), std::size_t(1));
        QCOMPARE(items[0].type, std::string("inspection"));
        QCOMPARE(items[0].id, visit.id);
        QCOMPARE(items[0].version, version);
        // The payload is exactly the committed state of the whole inspection.
        QCOMPARE(decode<InspectionBundle>(parseJson(items[0].payload)), store->bundle(visit.id));
    };
    expectQueued(2); // started, then one check
    addPhoto(*store, visit, check.id, EvidenceTag::Seal);
    expectQueued(3);
    check.seal_numbers = {"HC-0001"};
    store->saveCheck(check);
    expectQueued(4);

    store->markPushed("inspection", visit.id, 3); // an older version: still pending
    expectQueued(4);
    store->markPushed("inspection", visit.id, 4);
    QCOMPARE(store->pendingCount(), std::int64_t(0));
    store->removePhoto(store->bundle(visit.id).photos.at(0).id);
    expectQueued(5);
}

void TestDeviceStore::outboxIsAtomicWithTheChange()
{
    auto store = open();
    EquipmentCheck check;
    const Inspection visit = draftWithCheck(*store, Finding::Operating, &check);
    const auto before = store->bundle(visit.id);
    const auto queuedBefore = store->pendingOutbox();

    // Make the outbox write fail: the change it announces must not be kept either.
    // (A trigger made from a connection of the test's own; the store sees the schema change.)
    Database other(store->databaseFile());
    other.execScript("CREATE TRIGGER outbox_down BEFORE UPDATE ON outbox "
                     "BEGIN SELECT RAISE(ABORT, 'outbox unavailable'); END;");
    EquipmentCheck second;
    second.inspection_id = visit.id;
    second.equipment_id = "eq-2";
    second.finding = Finding::Missing;
    QVERIFY_THROWS_EXCEPTION(Error, store->saveCheck(second));
    check.notes = "改动";
    QVERIFY_THROWS_EXCEPTION(Error, store->saveCheck(check));
    QCOMPARE(store->bundle(visit.id), before);
    QCOMPARE(store->pendingOutbox().at(0).version, queuedBefore.at(0).version);

    // And the other way round: a change that fails writes no outbox row.
    other.execScript("DROP TRIGGER outbox_down");
    store->markPushed("inspection", visit.id, queuedBefore.at(0).version);
    EquipmentCheck orphan;
    orphan.inspection_id = "no-such-visit";
    orphan.equipment_id = "eq-1";
    QVERIFY_THROWS_EXCEPTION(Error, store->saveCheck(orphan));
    QCOMPARE(store->pendingCount(), std::int64_t(0));
}

void TestDeviceStore::finaliseEnforcesEvidenceRules()
{
    auto store = open();
    EquipmentCheck check;
    const Inspection visit = draftWithCheck(*store, Finding::Sealed, &check);
    auto codes = [&] {
        QStringList out;
        for (const Problem &p : store->finalise(visit.id))
            out << QString::fromStdString(std::string(toString(p.code)));
        return out;
    };
    // seal photo, power-cut photo, seal number; the four measures; the commitment letter
    QCOMPARE(codes().size(), 8);
    QCOMPARE(store->inspection(visit.id)->state, InspectionState::Draft);
    addPhoto(*store, visit, check.id, EvidenceTag::Seal);
    addPhoto(*store, visit, check.id, EvidenceTag::PowerCut);
    QCOMPARE(codes().size(), 6);
    check.seal_numbers = {"HC-17-0042"};
    store->saveCheck(check);
    QCOMPARE(codes(),
             QStringList({"sealed_needs_water_cut", "sealed_needs_power_cut",
                          "sealed_needs_power_units_removed", "sealed_needs_main_equipment_sealed",
                          "sealed_needs_commitment_letter"}));
    check.water_cut = check.power_cut = check.power_units_removed = true;
    check.main_equipment_sealed = true;
    store->saveCheck(check);
    QCOMPARE(codes(), QStringList({"sealed_needs_commitment_letter"}));
    addPhoto(*store, visit, {}, EvidenceTag::CommitmentLetter);
    QVERIFY(codes().isEmpty());
    const auto done = store->inspection(visit.id);
    QCOMPARE(done->state, InspectionState::Final);
    QVERIFY(done->finished_at.has_value());
    const auto items = store->pendingOutbox();
    QCOMPARE(decode<InspectionBundle>(parseJson(items.at(0).payload)).inspection.state,
             InspectionState::Final);
}

void TestDeviceStore::acceptanceNeedsSignedOpinion()
{
    auto store = open();
    const Inspection visit = startVisit(*store, VisitKind::Acceptance);
    EquipmentCheck check;
    check.inspection_id = visit.id;
    check.equipment_id = "eq-1";
    check.finding = Finding::Dismantled;
    check = store->saveCheck(check);
    addPhoto(*store, visit, check.id, EvidenceTag::DismantledSite);
    QVERIFY(!store->finalise(visit.id).empty());

    Opinion opinion;
    opinion.inspection_id = visit.id;
    opinion.verdict = Verdict::Pass;
    opinion.text = "经现场核查，该企业落后设备已全部拆除，同意通过验收。";
    opinion.signatures.push_back({SignerRole::Inspector, "张伟", "0" + std::string(63, 'a'), ""});
    QVERIFY_THROWS_EXCEPTION(ValidationError, store->saveOpinion(opinion)); // not stored here
    opinion.signatures = {{SignerRole::Inspector, "张伟", store->storeSignature(pngBytes(1)), ""}};
    store->saveOpinion(opinion);
    QVERIFY(!store->finalise(visit.id).empty()); // representative has not signed
    opinion.signatures.push_back(
        {SignerRole::Representative, "刘明", store->storeSignature(pngBytes(2)), ""});
    store->saveOpinion(opinion);
    QVERIFY(store->finalise(visit.id).empty());
    QCOMPARE(store->bundle(visit.id).opinion->signatures.size(), std::size_t(2));
}

void TestDeviceStore::finalIsImmutableThroughTheStore()
{
    auto store = open();
    const Inspection visit = finalVisit(*store);
    const InspectionBundle before = store->bundle(visit.id);
    EquipmentCheck check = before.checks.at(0);
    check.notes = "改";
    Inspection edited = visit;
    edited.notes = "改";
    Opinion opinion;
    opinion.inspection_id = visit.id;
    const QString file = m_dir->filePath("late.jpg");
    QVERIFY(test::writeBlockJpeg(file, 100, 100, 77) > 0);

    QVERIFY_THROWS_EXCEPTION(ImmutableError, store->updateInspection(edited));
    QVERIFY_THROWS_EXCEPTION(ImmutableError, store->saveCheck(check));
    QVERIFY_THROWS_EXCEPTION(ImmutableError, store->removeCheck(check.id));
    QVERIFY_THROWS_EXCEPTION(ImmutableError, store->addPhoto(NewPhoto{visit.id,
                                                                      {},
                                                                      EvidenceTag::Other,
                                                                      file.toStdString(),
                                                                      100,
                                                                      100,
                                                                      {},
                                                                      {},
                                                                      PhotoSource::Camera,
                                                                      {}}));
    QVERIFY_THROWS_EXCEPTION(ImmutableError, store->removePhoto(before.photos.at(0).id));
    QVERIFY_THROWS_EXCEPTION(ImmutableError, store->saveOpinion(opinion));
    QVERIFY_THROWS_EXCEPTION(ImmutableError, store->finalise(visit.id));
    QCOMPARE(store->bundle(visit.id), before);
}

void TestDeviceStore::finalIsImmutableInSql()
{
    auto store = open();
    const Inspection visit = finalVisit(*store);
    const InspectionBundle before = store->bundle(visit.id);
    const std::string checkId = before.checks.at(0).id;
    const std::string photoId = before.photos.at(0).id;
    Database db(store->databaseFile()); // raw SQL from a connection of the test's own (WAL)
    auto attempt = [&](const char *sql, const std::string &id) {
        Statement s(db, sql);
        s.bind(1, id);
        QVERIFY2(refusedByGuard([&] { s.exec(); }), sql);
    };
    attempt("UPDATE inspections SET notes = 'tampered' WHERE id = ?", visit.id);
    attempt("UPDATE inspections SET state = 'draft' WHERE id = ?", visit.id);
    attempt("DELETE FROM inspections WHERE id = ?", visit.id);
    attempt("UPDATE equipment_checks SET finding = 'operating' WHERE id = ?", checkId);
    attempt("DELETE FROM equipment_checks WHERE id = ?", checkId);
    attempt("INSERT INTO equipment_checks (id, inspection_id, equipment_id, finding, water_cut, "
            "power_cut, power_units_removed, main_equipment_sealed, seal_numbers, notes, "
            "checked_at) VALUES ('c-new', ?, 'eq-9', 'operating', 0, 0, 0, 0, '[]', '', 'now')",
            visit.id);
    attempt("UPDATE photos SET tag = 'other' WHERE id = ?", photoId);
    attempt("DELETE FROM photos WHERE id = ?", photoId);
    attempt("INSERT INTO photos (id, inspection_id, tag, sha256, size, width, height, taken_at, "
            "caption) VALUES ('p-new', ?, 'other', 'x', 1, 1, 1, 'now', '')",
            visit.id);
    attempt("INSERT INTO opinions (id, inspection_id, verdict, text, signatures) "
            "VALUES ('o-new', ?, 'pass', '', '[]')",
            visit.id);
    QCOMPARE(store->bundle(visit.id), before);
}

void TestDeviceStore::correctionAmendsFinal()
{
    auto store = open();
    const Inspection original = finalVisit(*store);
    const InspectionBundle before = store->bundle(original.id);
    const Inspection fix = store->amend(original.id);
    QCOMPARE(fix.amends_id, std::optional<std::string>(original.id));
    QCOMPARE(fix.state, InspectionState::Draft);
    const InspectionBundle copy = store->bundle(fix.id);
    QCOMPARE(copy.checks.size(), before.checks.size());
    QCOMPARE(copy.photos.size(), before.photos.size());
    QVERIFY(copy.checks[0].id != before.checks[0].id);
    QCOMPARE(copy.photos[0].check_id, std::optional<std::string>(copy.checks[0].id));
    QCOMPARE(copy.photos[0].sha256, before.photos[0].sha256); // same evidence file
    EquipmentCheck changed = copy.checks[0];
    changed.notes = "更正：拆除时间为10月";
    store->saveCheck(changed);
    QVERIFY(store->finalise(fix.id).empty());
    QCOMPARE(store->bundle(original.id), before);
    QVERIFY_THROWS_EXCEPTION(ValidationError, store->amend(store->amend(fix.id).id));
}

void TestDeviceStore::photoStoreDeduplicatesAndSweeps()
{
    {
        auto store = open();
        PhotoStore &photos = store->photos();
        const auto a = photos.putBytes("evidence");
        const auto b = photos.putBytes("evidence");
        QCOMPARE(a.sha256, b.sha256);
        QCOMPARE(a.sha256, sha256Hex("evidence"));
        QCOMPARE(photos.list().size(), std::size_t(1));

        const QString jpeg = m_dir->filePath("big.jpg");
        const qint64 size = test::writeBlockJpeg(jpeg, 2000, 1500, 5);
        QVERIFY(size > 0);
        const auto imported = photos.importFile(jpeg.toStdString());
        QCOMPARE(imported.size, std::int64_t(size));
        QCOMPARE(imported.sha256, sha256File(jpeg.toStdString()));
        QCOMPARE(sha256File(photos.pathOf(imported.sha256)), imported.sha256);
        QVERIFY_THROWS_EXCEPTION(Error, photos.pathOf("../../etc/passwd"));

        // What an interrupted write leaves: a half-written temp file.
        QFile half(QString::fromStdString((photos.root() / "tmp" / "x.part").string()));
        QVERIFY(half.open(QIODevice::WriteOnly));
        half.write("half a jpeg");
    }
    auto store = open();
    QCOMPARE(store->sweepReport().temp_files_removed, 1);
    QCOMPARE(store->sweepReport().orphans.size(), std::size_t(2)); // no row names either blob
    QVERIFY(std::filesystem::is_empty(store->photos().root() / "tmp"));
}

void TestDeviceStore::signedOpinionIsFrozen()
{
    auto store = open();
    const Inspection visit = startVisit(*store, VisitKind::Acceptance);
    Opinion opinion;
    opinion.inspection_id = visit.id;
    opinion.verdict = Verdict::Conditional;
    opinion.text = "封存设备限期拆除。";
    opinion.follow_up_deadline = "2017-06-30";
    opinion = store->saveOpinion(opinion); // unsigned: free to change
    opinion.text = "封存设备须于6月30日前拆除。";
    opinion = store->saveOpinion(opinion);
    opinion.signatures = {
        {SignerRole::Inspector, "张伟", store->storeSignature(pngBytes(1)), ""},
        {SignerRole::Representative, "刘明", store->storeSignature(pngBytes(2)), ""}};
    opinion = store->saveOpinion(opinion); // signing changes no content

    // Each of verdict, text and deadline is frozen once signed.
    for (int field = 0; field < 3; ++field) {
        Opinion changed = opinion;
        if (field == 0)
            changed.verdict = Verdict::Pass;
        else if (field == 1)
            changed.text = "同意通过验收。";
        else
            changed.follow_up_deadline = std::nullopt;
        QVERIFY_THROWS_EXCEPTION(SignedOpinionError, store->saveOpinion(changed));
        QCOMPARE(*store->bundle(visit.id).opinion, opinion); // nothing changed
    }
    // Removing one signature is not a content change.
    Opinion fewer = opinion;
    fewer.signatures.pop_back();
    QCOMPARE(store->saveOpinion(fewer).signatures.size(), std::size_t(1));
    opinion = store->saveOpinion(opinion);

    // With ClearSignatures the change is saved and every signature is gone, in one step: even
    // signatures the caller passes along stay out (nobody signed the new content).
    Opinion changed = opinion;
    changed.verdict = Verdict::Pass;
    changed.text = "同意通过验收。";
    const Opinion saved = store->saveOpinion(changed, SignedOpinionChange::ClearSignatures);
    QVERIFY(saved.signatures.empty());
    const Opinion stored = *store->bundle(visit.id).opinion;
    QCOMPARE(stored.verdict, Verdict::Pass);
    QCOMPARE(stored.text, std::string("同意通过验收。"));
    QVERIFY(stored.signatures.empty());
    // Unsigned again: content changes without the flag are fine.
    changed = stored;
    changed.text = "同意。";
    QCOMPARE(store->saveOpinion(changed).text, std::string("同意。"));
}

void TestDeviceStore::importedPhotoKeepsItsOwnTime()
{
    auto store = open();
    EquipmentCheck check;
    const Inspection visit = draftWithCheck(*store, Finding::Dismantled, &check);
    const QString file = m_dir->filePath("old.jpg");
    QVERIFY(test::writeBlockJpeg(file, 320, 240, 77) > 0);
    const Position here{40.85, 122.75, 8.0};

    NewPhoto camera{visit.id,
                    check.id,
                    EvidenceTag::Overview,
                    file.toStdString(),
                    320,
                    240,
                    here,
                    "现场",
                    PhotoSource::Camera,
                    {}};
    camera.taken_at = "2001-01-01T00:00:00.000Z"; // ignored: a camera photo is taken now
    const Photo shot = store->addPhoto(camera);
    QCOMPARE(shot.source, PhotoSource::Camera);
    QCOMPARE(shot.taken_at, formatTimestamp(m_clock->now()));
    QVERIFY(shot.position.has_value());

    NewPhoto withTime = camera;
    withTime.source = PhotoSource::Imported;
    withTime.taken_at = "2016-05-03T02:00:05.000Z";
    NewPhoto withoutTime = withTime;
    withoutTime.taken_at.clear();
    const Photo dated = store->addPhoto(withTime);
    const Photo undated = store->addPhoto(withoutTime);
    const InspectionBundle b = store->bundle(visit.id);
    QCOMPARE(b.photos.size(), std::size_t(3));
    for (const Photo &p : b.photos) {
        if (p.id == shot.id)
            continue;
        QCOMPARE(p.source, PhotoSource::Imported);
        QVERIFY(!p.position.has_value()); // never the tablet's position now
        QCOMPARE(p.taken_at, p.id == dated.id ? std::string("2016-05-03T02:00:05.000Z")
                                              : std::string()); // unknown, not today
    }
    // On the wire: `source` is written; a bundle without it (an older tablet) reads as camera.
    Json j = b;
    QCOMPARE(j["photos"][1]["source"].get<std::string>(), std::string("imported"));
    QCOMPARE(decode<InspectionBundle>(j), b);
    for (auto &p : j["photos"])
        p.erase("source");
    for (const Photo &p : decode<InspectionBundle>(j).photos)
        QCOMPARE(p.source, PhotoSource::Camera);
    Q_UNUSED(undated);
}

void TestDeviceStore::migratesPhotoSource()
{
    // A version-2 database with one camera photo in a draft visit.
    writeOldDatabase(
        2, "INSERT INTO inspections VALUES ('v1', NULL, 'ent-1', 'survey', '[\"李\"]', '王', "
           "'2017-05-01T08:00:00.000Z', NULL, 40.85, 122.7, 8.0, 'draft', '', 1, NULL);"
           "INSERT INTO photos VALUES ('p1', 'v1', NULL, 'overview', '" +
               std::string(64, 'a') +
               "', 10, 320, 240, '2017-05-01T08:05:00.000Z', 40.85, 122.7, 8.0, '全景');");
    auto store = open();
    Database db(store->databaseFile());
    QCOMPARE(db.userVersion(), std::int64_t(deviceSchemaSteps().size()));
    const InspectionBundle b = store->bundle("v1");
    QCOMPARE(b.photos.size(), std::size_t(1));
    QCOMPARE(b.photos[0].source, PhotoSource::Camera); // everything before was a camera photo
    QCOMPARE(b.photos[0].taken_at, std::string("2017-05-01T08:05:00.000Z"));
}

QTEST_GUILESS_MAIN(TestDeviceStore)
#include "tst_devicestore.moc"
