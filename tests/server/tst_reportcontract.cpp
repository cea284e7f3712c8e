// The LogStore and ReportStore contracts (issue 18 item 2): one set of test functions, run once
// against each back end (storebackend.h: ctest tst_reportcontract on SQLite and, label
// postgresql, tst_reportcontract_postgresql). Only the ports are used: accounts through
// AccountStore, pushes through SyncStore, decisions through ReviewStore, the office log through
// LogStore and the read models through ReportStore, each a store of its own on the one
// database, as separate server processes are. Tampering is done behind the stores' backs
// (StoreBackend::execSql), as an admin with a database shell would.

#include "contractkit.h"

#include "core/clock.h"
#include "core/json.h"
#include "core/sha256.h"
#include "protocol/logleaf.h"
#include "protocol/recordtype.h"
#include "server/domain/storeruleerror.h"

#include <QTest>

#include <atomic>
#include <map>
#include <thread>

using namespace fp;
using namespace fp::test;

namespace {

// Two towns; in east two enterprises, in West one. Names and towns sort in byte order ("West"
// before "east", "Zeta" before "beta"); equipment by its line on the plan sheet, then id.
const std::string kSeed = std::string(kTwoTowns) + R"sql(
INSERT INTO enterprise (id, credit_code, name, region_id, industry) VALUES
  ('e-3', 'C3', 'beta Works', 'r-e', '');
INSERT INTO equipment (id, enterprise_id, natural_key, sheet_line, kind, spec, count,
  capacity_value, capacity_unit, plan_year, action, dismantle_deadline) VALUES
  ('q-b', 'e-1', 'k-b', 1, '中频炉', '2t', 2, 1.5, 't', 2026, 'dismantle', '2026-12-31'),
  ('q-a', 'e-1', 'k-a', 2, '冲天炉', '', 1, 3, 't/h', 2026, 'seal_then_dismantle', NULL),
  ('q-c', 'e-3', 'k-c', 1, '窑炉', '', 1, 10, 'm3', 2025, 'dismantle', NULL),
  ('q-d', 'e-2', 'k-d', 1, '窑炉', '', 4, 20, 'm3', 2026, 'dismantle', NULL);
INSERT INTO card (id, enterprise_id, standard, level, department, issued_on, rectify_by, state)
  VALUES ('c-1', 'e-1', 'energy', 'yellow', '经信局', '2026-11-01', '2026-12-01', 'open'),
  ('c-2', 'e-2', 'safety', 'yellow', '应急局', '2026-11-01', NULL, 'open'),
  ('c-3', 'e-1', 'environment', 'red', '生态环境局', '2026-10-15', NULL, 'rectified'),
  ('c-0', 'e-3', 'quality', 'yellow', '市场监管局', '2026-10-30', NULL, 'open');
)sql";

constexpr const char *kAnnKey = "8f8e8d8c8b8a89888786858483828180"
                                "7f7e7d7c7b7a79787776757473727170";

std::string at(int minute)
{
    return "2026-12-03T08:" + std::string(minute < 10 ? "0" : "") + std::to_string(minute) +
           ":00.000Z";
}

std::string bundleJson(const std::string &id, const std::string &enterprise, InspectionState state,
                       std::optional<std::string> amends = {})
{
    InspectionBundle b;
    b.inspection.id = id;
    b.inspection.enterprise_id = enterprise;
    b.inspection.task_id = "t-" + id;
    b.inspection.inspectors = {"ann"};
    b.inspection.started_at = at(0);
    b.inspection.state = state;
    b.inspection.amends_id = std::move(amends);
    b.inspection.notes = "notes of " + id;
    return Json(b).dump();
}

struct Item
{
    std::string id;
    std::string enterprise = "e-1";
    int minute = 1; // received at
    InspectionState state = InspectionState::Final;
    std::optional<std::string> amends{};
    std::optional<StatementLink> statement{};
    std::optional<Rejection> refused{};
    std::optional<std::string> data{}; // instead of the bundle's JSON
};

PushCandidate candidate(const Item &i)
{
    IncomingItem item = inspectionItem(
        i.id, i.enterprise, i.state,
        i.data ? *i.data : bundleJson(i.id, i.enterprise, i.state, i.amends), at(0), at(i.minute));
    item.statement = i.statement;
    return PushCandidate{item, std::nullopt, i.refused};
}

merkle::Hash hashOf(const std::string &hex)
{
    return merkle::fromHex(hex).value_or(merkle::Hash{});
}

std::vector<merkle::Hash> hashesOf(const std::vector<std::string> &hex)
{
    return merkle::fromHex(hex).value_or(std::vector<merkle::Hash>{});
}

using Ids = std::vector<std::string>;

} // namespace

class TestReportContract : public PushContractTest
{
    Q_OBJECT

    const TreeHeadSigner m_signer{OfficeKey::fromSeed(keySeed(3, 1)), SystemClock::instance()};
    std::unique_ptr<ReviewStore> m_reviews;
    std::unique_ptr<LogStore> m_log;
    std::unique_ptr<ReportStore> m_reports;
    std::string m_signedStatement; // the bytes of i-1's statement

    std::vector<PushResult> push(const std::string &username, const std::vector<Item> &items)
    {
        std::vector<PushCandidate> batch;
        for (const auto &i : items)
            batch.push_back(candidate(i));
        return m_sync->applyPush(m_who.at(username), batch);
    }

    /// The office's inspections: in east i-1 (signed, returned then accepted), i-2 (returned),
    /// i-4 (amends i-1) and a draft; in West i-3 (bob's, received).
    void fill()
    {
        Item signedItem{"i-1"};
        signedItem.statement = StatementLink{"d-ann", 1, "h1", "", "statement h1", "sig-h1"};
        m_signedStatement = "statement h1";
        Item amending{"i-4", "e-1", 6};
        amending.amends = "i-1";
        for (const auto &r :
             push("ann", {signedItem, Item{"i-2", "e-3", 2},
                          Item{"i-draft", "e-1", 5, InspectionState::Draft}, amending}))
            QCOMPARE(r.status, PushStatus::Stored);
        for (const auto &r : push("bob", {Item{"i-3", "e-2", 3}}))
            QCOMPARE(r.status, PushStatus::Stored);
        m_reviews->setReview("i-1", ReviewState::Returned, "blurred", at(10), "olga");
        m_reviews->setReview("i-1", ReviewState::Accepted, "", at(11), "zoe");
        m_reviews->setReview("i-2", ReviewState::Returned, "no seal photo", at(12), "olga");
    }

  private slots:
    void init()
    {
        QVERIFY(openPushOffice(kSeed,
                               {{"ann", Role::Inspector, ScopeSpec{{"east"}, {}}, kAnnKey},
                                {"bob", Role::Inspector, ScopeSpec{{"West"}, {}}}},
                               at(0), &m_signer));
        m_reviews = m_backend->openReviews(&m_signer);
        m_log = m_backend->openLog(&m_signer);
        m_reports = m_backend->openReports(&m_signer);
    }

    void cleanup()
    {
        m_reports.reset();
        m_log.reset();
        m_reviews.reset();
        closePushOffice();
    }

    // ---- ReportStore -------------------------------------------------------------------

    void thePlanListInTownNameAndSheetOrder()
    {
        const auto rows = m_reports->planList();
        Ids got;
        for (const auto &r : rows)
            got.push_back(r.region_name + "/" + r.enterprise.name + "/" + r.equipment.id);
        QCOMPARE(got, (Ids{"West/alpha Glass/q-d", "east/Zeta Foundry/q-b", "east/Zeta Foundry/q-a",
                           "east/beta Works/q-c"}));
        const auto &zeta = rows[1];
        QCOMPARE(zeta.enterprise.credit_code, std::string("C1"));
        QVERIFY(zeta.enterprise.location);
        QCOMPARE(zeta.enterprise.location->lat, 30.25);
        QCOMPARE(zeta.enterprise.location->accuracy_m, std::optional<double>(8.5));
        QCOMPARE(zeta.equipment.count, 2);
        QCOMPARE(zeta.equipment.capacity, (Capacity{1.5, "t"}));
        QCOMPARE(zeta.equipment.dismantle_deadline, std::optional<std::string>("2026-12-31"));
        QCOMPARE(rows[2].equipment.action, RequiredAction::SealThenDismantle);
        QVERIFY(!rows[0].enterprise.location);
        QVERIFY(!rows[2].equipment.dismantle_deadline);
    }

    void theCardListOfOneLevelInIssueOrder()
    {
        Ids yellow;
        for (const auto &r : m_reports->cardList(CardLevel::Yellow))
            yellow.push_back(r.card.id + "/" + r.enterprise.name + "/" + r.region_name);
        // By issue day, then enterprise name in byte order, then id.
        QCOMPARE(yellow,
                 (Ids{"c-0/beta Works/east", "c-1/Zeta Foundry/east", "c-2/alpha Glass/West"}));
        const auto red = m_reports->cardList(CardLevel::Red);
        QCOMPARE(red.size(), std::size_t(1));
        QCOMPARE(red[0].card.id, std::string("c-3"));
        QCOMPARE(red[0].card.state, CardState::Rectified);
        QCOMPARE(red[0].card.standard, CardStandard::Environment);
        QVERIFY(m_reports->cardList(CardLevel::ExcessEmission).empty());
        QCOMPARE(m_reports->cardList(CardLevel::Yellow)[1].card.rectify_by,
                 std::optional<std::string>("2026-12-01"));
    }

    void finalInspectionsInReceiptOrderWithTheirReview()
    {
        QVERIFY(m_reports->finalInspections().empty());
        fill();
        Ids got;
        for (const auto &r : m_reports->finalInspections())
            got.push_back(r.bundle.inspection.id + "/" + r.received_at + "/" +
                          std::string(enumName(r.review)));
        QCOMPARE(got, (Ids{"i-1/" + at(1) + "/accepted", "i-2/" + at(2) + "/returned",
                           "i-3/" + at(3) + "/received", "i-4/" + at(6) + "/received"}));
        QCOMPARE(m_reports->finalInspections()[0].bundle.inspection.notes,
                 std::string("notes of i-1"));
    }

    void theInspectionsTheOfficeHolds()
    {
        fill();
        Ids all;
        for (const auto &o : m_reports->officeInspections(""))
            all.push_back(o.bundle.inspection.id);
        QCOMPARE(all, (Ids{"i-4", "i-draft", "i-3", "i-2", "i-1"})); // newest receipt first
        Ids zeta;
        for (const auto &o : m_reports->officeInspections("e-1"))
            zeta.push_back(o.bundle.inspection.id);
        QCOMPARE(zeta, (Ids{"i-4", "i-draft", "i-1"}));
        QVERIFY(m_reports->officeInspections("e-9").empty());

        const auto one = m_reports->findOfficeInspection("i-1");
        QVERIFY(one);
        QCOMPARE(one->version, std::int64_t(1));
        QCOMPARE(one->device_time, at(0));
        QCOMPARE(one->received_at, at(1));
        QCOMPARE(one->device_name, std::string("tablet of ann"));
        QCOMPARE(one->username, std::string("ann"));
        QCOMPARE(one->review,
                 std::optional<Review>(Review{"i-1", ReviewState::Accepted, "", at(11)}));
        QCOMPARE(one->review_version, std::int64_t(2));
        QCOMPARE(one->reviewed_by, std::string("zoe"));
        QCOMPARE(one->statement_hash, sha256Hex(m_signedStatement));

        const auto received = m_reports->findOfficeInspection("i-3");
        QCOMPARE(received->username, std::string("bob"));
        QCOMPARE(received->review->state, ReviewState::Received);
        QCOMPARE(received->review_version, std::int64_t(0));
        QCOMPARE(received->reviewed_by, std::string());
        QCOMPARE(received->statement_hash, std::string());
        const auto draft = m_reports->findOfficeInspection("i-draft");
        QVERIFY(draft);
        QVERIFY(!draft->review);
        QCOMPARE(draft->bundle.inspection.state, InspectionState::Draft);
        QVERIFY(!m_reports->findOfficeInspection("i-none"));
    }

    void refusedPushesNewestFirstPageByPage()
    {
        QVERIFY(m_reports->rejectedPushes("", 0, 50).empty());
        Item notJson{"r-1"};
        notJson.data = "not json {";
        notJson.refused = Rejection{"bad_json", "the item is not JSON"};
        Item glass{"r-2", "e-2"};
        glass.refused = Rejection{"bad_photo", "photo p-1 is not a JPEG"};
        Item unknown{"r-3", "e-9"};
        unknown.refused = Rejection{"bad_photo", "photo p-2 is not a JPEG"};
        Item noInspection{"r-4"};
        noInspection.data = R"({"inspection":{"enterprise_id":null}})";
        noInspection.refused = Rejection{"bad_json", "no enterprise"};
        push("ann", {notJson, glass, Item{"i-ok"}});
        push("ann", {Item{"i-ok"}, unknown, noInspection}); // a duplicate is no refusal
        // Out of bob's scope: refused by the store itself.
        const auto out = push("bob", {Item{"r-5", "e-1"}});
        QCOMPARE(out.front().code, std::string("out_of_scope"));

        const auto all = m_reports->rejectedPushes("", 0, 50);
        Ids got;
        for (const auto &a : all)
            got.push_back(a.item_id + "/" + a.code + "/" + a.enterprise_id + "/" +
                          a.enterprise_name);
        QCOMPARE(got,
                 (Ids{"r-5/out_of_scope/e-1/Zeta Foundry", "r-4/bad_json//", "r-3/bad_photo/e-9/",
                      "r-2/bad_photo/e-2/alpha Glass", "r-1/bad_json//"}));
        for (std::size_t i = 1; i < all.size(); ++i)
            QVERIFY(all[i].seq < all[i - 1].seq);
        const auto &glassEntry = all[3];
        QCOMPARE(glassEntry.device_id, std::string("d-ann"));
        QCOMPARE(glassEntry.device_name, std::string("tablet of ann"));
        QCOMPARE(glassEntry.username, std::string("ann"));
        QCOMPARE(glassEntry.type, std::string(wire::kInspection));
        QCOMPARE(glassEntry.version, std::int64_t(1));
        QCOMPARE(glassEntry.reason, std::string("photo p-1 is not a JPEG"));
        QCOMPARE(glassEntry.received_at, at(1));
        QCOMPARE(glassEntry.device_time, at(0));
        QCOMPARE(all[0].username, std::string("bob"));

        // Pages continue below the last number of the one before.
        const auto first = m_reports->rejectedPushes("", 0, 2);
        QCOMPARE(first.size(), std::size_t(2));
        QCOMPARE(first[1].item_id, std::string("r-4"));
        const auto second = m_reports->rejectedPushes("", first[1].seq, 2);
        QCOMPARE(second.size(), std::size_t(2));
        QCOMPARE(second[0].item_id, std::string("r-3"));
        QCOMPARE(second[1].item_id, std::string("r-2"));
        const auto third = m_reports->rejectedPushes("", second[1].seq, 2);
        QCOMPARE(third.size(), std::size_t(1));
        QVERIFY(m_reports->rejectedPushes("", third[0].seq, 2).empty());

        Ids photos;
        for (const auto &a : m_reports->rejectedPushes("bad_photo", 0, 50))
            photos.push_back(a.item_id);
        QCOMPARE(photos, (Ids{"r-3", "r-2"}));
        QCOMPARE(m_reports->rejectedPushes("bad_photo", 0, 1).size(), std::size_t(1));
        QVERIFY(m_reports->rejectedPushes("no_such_code", 0, 50).empty());
    }

    void anEnterprisesEvidenceUnderTheNewestHead()
    {
        QVERIFY(m_reports->evidenceOf("e-1").inspections.empty());
        fill();
        const EvidenceSet ev = m_reports->evidenceOf("e-1");
        QVERIFY(ev.head);
        QCOMPARE(ev.head, m_log->latestTreeHead());
        QCOMPARE(ev.office_public_key, m_signer.publicKeyHex());
        QCOMPARE(ev.device_keys, (std::map<std::string, std::string>{{"d-ann", kAnnKey}}));
        Ids ids;
        for (const auto &e : ev.inspections)
            ids.push_back(e.id);
        QCOMPARE(ids, (Ids{"i-1", "i-4"})); // final ones only, in the order received

        const auto root = hashOf(ev.head->root_hash);
        const auto size = std::uint64_t(ev.head->tree_size);
        const auto proves = [&](const LogLeaf &leaf, const bundle::LeafProof &proof) {
            return merkle::verifyInclusion(merkle::leafHash(encodeLeaf(leaf)),
                                           std::uint64_t(proof.index), size, hashesOf(proof.path),
                                           root);
        };
        const EvidenceInspection &first = ev.inspections[0];
        QCOMPARE(first.statement, m_signedStatement);
        QCOMPARE(first.signature, std::string("sig-h1"));
        QCOMPARE(first.proof.tree_size, ev.head->tree_size);
        QCOMPARE(first.proof.pushed_by, std::string("d-ann"));
        QVERIFY(proves(InspectionLeaf{"i-1", "d-ann", 1, merkle::sha256(first.data)},
                       first.proof.inspection_leaf));
        QVERIFY(first.statement_logged);
        QVERIFY(proves(StatementLeaf{"i-1", "d-ann", 1, merkle::sha256(first.statement), "sig-h1"},
                       first.proof.statement_leaf));
        QVERIFY(first.review_logged);
        QCOMPARE(first.proof.review_state, std::string("accepted"));
        QCOMPARE(first.proof.reviewed_at, at(11));
        QVERIFY(proves(ReviewLeaf{"i-1", merkle::sha256(first.data), "accepted", "", at(11)},
                       first.proof.review_leaf));
        QVERIFY(
            !proves(ReviewLeaf{"i-1", merkle::sha256(first.data), "returned", "blurred", at(10)},
                    first.proof.review_leaf));

        const EvidenceInspection &amending = ev.inspections[1];
        QCOMPARE(amending.amends_id, std::string("i-1"));
        QVERIFY(!amending.statement_logged);
        QVERIFY(!amending.review_logged);
        QCOMPARE(amending.proof.review_state, std::string());
        QVERIFY(proves(InspectionLeaf{"i-4", "d-ann", 1, merkle::sha256(amending.data)},
                       amending.proof.inspection_leaf));

        const EvidenceSet west = m_reports->evidenceOf("e-2");
        QCOMPARE(west.inspections.size(), std::size_t(1));
        QVERIFY(west.device_keys.empty()); // bob's device signed nothing
        QVERIFY(m_reports->evidenceOf("e-9").inspections.empty());
    }

    // ---- LogStore ----------------------------------------------------------------------

    void anEmptyLog()
    {
        QVERIFY(!m_log->latestTreeHead());
        QCOMPARE(m_log->officePublicKey(), m_signer.publicKeyHex());
        QCOMPARE(m_backend->openLog()->officePublicKey(), std::string()); // signs nothing
        QCOMPARE(m_log->consistencyProof(0, 0), (ConsistencyAnswer{0, 0, {}}));
        QVERIFY_THROWS_EXCEPTION(StoreRuleError, m_log->consistencyProof(0, 1));
        QVERIFY_THROWS_EXCEPTION(StoreRuleError, m_log->inclusionProof(0, 0));
        QVERIFY_THROWS_EXCEPTION(StoreRuleError, m_log->inclusionProof(0, 1));
        const LogVerifyReport report = m_log->verifyLog();
        QCOMPARE(report.leaves, std::int64_t(0));
        QCOMPARE(report.heads, std::int64_t(0));
        QVERIFY(!report.problem);
    }

    void proofsOfTheGrowingLog()
    {
        QCOMPARE(push("ann", {Item{"i-0", "e-3"}}).front().status, PushStatus::Stored);
        const auto before = m_log->latestTreeHead();
        QVERIFY(before);
        QCOMPARE(before->tree_size, std::int64_t(1));
        QVERIFY(verifyTreeHead(*before, m_log->officePublicKey()));
        fill();
        const auto after = m_log->latestTreeHead();
        QVERIFY(after);
        QVERIFY(after->tree_size > before->tree_size);
        QVERIFY(verifyTreeHead(*after, m_log->officePublicKey()));

        const auto size = after->tree_size;
        const auto root = hashOf(after->root_hash);
        const InclusionAnswer firstLeaf = m_log->inclusionProof(0, size);
        QCOMPARE(firstLeaf.leaf_hash,
                 merkle::toHex(merkle::leafHash(encodeLeaf(InspectionLeaf{
                     "i-0", "d-ann", 1,
                     merkle::sha256(bundleJson("i-0", "e-3", InspectionState::Final))}))));
        for (std::int64_t i = 0; i < size; ++i) {
            const InclusionAnswer a = m_log->inclusionProof(i, size);
            QCOMPARE(a.index, i);
            QCOMPARE(a.tree_size, size);
            QVERIFY(merkle::verifyInclusion(hashOf(a.leaf_hash), std::uint64_t(i),
                                            std::uint64_t(size), hashesOf(a.proof), root));
        }
        const ConsistencyAnswer c = m_log->consistencyProof(before->tree_size, size);
        QCOMPARE(c.from, before->tree_size);
        QCOMPARE(c.to, size);
        QVERIFY(merkle::verifyConsistency(std::uint64_t(before->tree_size), std::uint64_t(size),
                                          hashOf(before->root_hash), root, hashesOf(c.proof)));
        QVERIFY(!merkle::verifyConsistency(std::uint64_t(before->tree_size), std::uint64_t(size),
                                           root, root, hashesOf(c.proof)));

        QVERIFY_THROWS_EXCEPTION(StoreRuleError, m_log->consistencyProof(2, 1));
        QVERIFY_THROWS_EXCEPTION(StoreRuleError, m_log->consistencyProof(-1, 1));
        QVERIFY_THROWS_EXCEPTION(StoreRuleError, m_log->consistencyProof(0, size + 1));
        QVERIFY_THROWS_EXCEPTION(StoreRuleError, m_log->inclusionProof(size, size));
        QVERIFY_THROWS_EXCEPTION(StoreRuleError, m_log->inclusionProof(-1, size));
        QVERIFY_THROWS_EXCEPTION(StoreRuleError, m_log->inclusionProof(0, size + 1));

        const LogVerifyReport report = m_log->verifyLog();
        QVERIFY2(!report.problem, report.problem ? report.problem->c_str() : "");
        QCOMPARE(report.leaves, size);
        QVERIFY(report.heads >= 2);
    }

    void theLogIsAppendOnly()
    {
        fill();
        QVERIFY(!m_backend->execSql("DELETE FROM log_leaf;"));
        QVERIFY(!m_backend->execSql("UPDATE log_leaf SET appended_at = 'never';"));
        QVERIFY(!m_backend->execSql("DELETE FROM log_head;"));
        QVERIFY(!m_log->verifyLog().problem);
    }

    void verifyFindsAnEditedInspection()
    {
        fill();
        QVERIFY2(m_backend->execSql("UPDATE inspection SET data = '{}' WHERE id = 'i-2';"),
                 qPrintable(m_backend->errorText()));
        const auto problem = m_log->verifyLog().problem;
        QVERIFY(problem);
        QVERIFY2(problem->find("(inspection i-2) does not match the inspection row") !=
                     std::string::npos,
                 problem->c_str());
    }

    void verifyFindsAReviewThatIsNotTheLoggedDecision()
    {
        fill();
        QVERIFY(m_backend->execSql(
            "UPDATE review SET state = 'accepted', reason = '' WHERE inspection_id = 'i-2';"));
        const auto problem = m_log->verifyLog().problem;
        QVERIFY(problem);
        QCOMPARE(*problem, std::string("the review of inspection i-2 differs from the newest "
                                       "decision the log recorded for it"));
    }

    void verifyFindsAFinalInspectionAddedBehindTheOfficesBack()
    {
        fill();
        QVERIFY(m_backend->execSql(
            "INSERT INTO inspection (id, version, state, enterprise_id, kind, device_id, "
            "content_hash, data, device_time, received_at) VALUES ('i-x', 1, 'final', 'e-1', "
            "'survey', 'd-ann', 'h', '{}', '2026-12-03', '2026-12-03');"));
        const auto problem = m_log->verifyLog().problem;
        QVERIFY(problem);
        QCOMPARE(*problem, std::string("final inspection i-x is in the office database but not "
                                       "in the log (added behind the office's back?)"));
    }

    void verifyChecksTheHeadsUnderTheOfficeKey()
    {
        fill();
        const TreeHeadSigner other(OfficeKey::fromSeed(keySeed(3, 2)), SystemClock::instance());
        const auto problem = m_backend->openLog(&other)->verifyLog().problem;
        QVERIFY(problem);
        QVERIFY2(problem->find("does not verify under the office key") != std::string::npos,
                 problem->c_str());
        QVERIFY(!m_backend->openLog()->verifyLog().problem); // no key: signatures unchecked
    }

    void twoServersGrowOneLog()
    {
        // Pushes on one store and decisions on another at once, as two server processes: every
        // leaf lands once, in commit order, under heads that verify.
        fill();
        std::unique_ptr<ReviewStore> reviews = m_backend->openReviews(&m_signer);
        constexpr int kItems = 10;
        std::atomic<int> failed{0};
        std::thread pusher([&] {
            try {
                for (int i = 0; i < kItems; ++i)
                    push("ann", {Item{"p-" + std::to_string(i), "e-3", 20 + i}});
            } catch (const std::exception &) {
                ++failed;
            }
        });
        std::thread decider([&] {
            try {
                for (int i = 0; i < kItems; ++i)
                    reviews->setReview(i % 2 ? "i-3" : "i-4", ReviewState::Returned,
                                       "round " + std::to_string(i), at(30 + i), "olga");
            } catch (const std::exception &) {
                ++failed;
            }
        });
        pusher.join();
        decider.join();
        QCOMPARE(failed.load(), 0);
        const LogVerifyReport report = m_log->verifyLog();
        QVERIFY2(!report.problem, report.problem ? report.problem->c_str() : "");
        QCOMPARE(report.leaves, m_log->latestTreeHead()->tree_size);
        QVERIFY2(m_backend->commitOrderProblem().isEmpty(),
                 qPrintable(m_backend->commitOrderProblem()));
        QCOMPARE(m_reports->evidenceOf("e-3").inspections.size(), std::size_t(1 + kItems));
    }
};

QTEST_GUILESS_MAIN(TestReportContract)
#include "tst_reportcontract.moc"
