// The AccountStore contract (issue 18 item 2): one set of test functions, run once against each
// back end (storebackend.h: ctest tst_accountcontract on SQLite and, label postgresql,
// tst_accountcontract_postgresql). Only the port is used; the seed rows stand for what the plan
// import writes. Names mix cases and scripts so that an order left to the database's collation
// instead of byte order (as SQLite sorts) shows.

#include "contractkit.h"

#include "server/domain/storeruleerror.h"

#include <QTest>

#include <atomic>
#include <mutex>
#include <thread>

using namespace fp;
using namespace fp::test;

namespace {

// Byte order: "West" < "east"; "Zeta Foundry" < "alpha Glass". A linguistic order turns both.
const std::string kSeed =
    "INSERT INTO region (id, name, kind) VALUES ('r-w', 'West', 'town'), ('r-e', 'east', "
    "'town');"
    "INSERT INTO enterprise (id, credit_code, name, region_id) VALUES ('e-1', 'C1', 'Zeta "
    "Foundry', 'r-e'), ('e-2', 'C2', 'alpha Glass', 'r-w'), ('e-3', 'C3', 'Zeta Foundry', "
    "'r-w');";

UserAccount account(const std::string &name, Role role = Role::Inspector)
{
    return UserAccount{"u-" + name, name, role, "hash-" + name};
}

DeviceInfo device(const std::string &id, const std::string &userId, const std::string &at,
                  std::optional<std::string> key = std::nullopt)
{
    return DeviceInfo{id, userId, "tablet " + id, at, std::nullopt, std::move(key)};
}

std::optional<AccountSummary> summaryOf(const std::vector<AccountSummary> &all,
                                        const std::string &name)
{
    for (const auto &a : all) {
        if (a.username == name)
            return a;
    }
    return std::nullopt;
}

using Names = std::vector<std::string>;

} // namespace

class TestAccountContract : public StoreContractTest
{
    Q_OBJECT

    std::unique_ptr<AccountStore> m_store;

  private slots:
    void init()
    {
        QVERIFY2(m_backend->newOffice(kSeed), qPrintable(m_backend->errorText()));
        m_store = m_backend->openAccounts();
    }

    void cleanup() { m_store.reset(); }

    void anAddedAccountIsFoundAsItWasGiven()
    {
        const UserAccount added = m_store->addUser(account("alice", Role::Office), {});
        QCOMPARE(added.username, std::string("alice"));
        const auto found = m_store->findUser("alice");
        QVERIFY(found);
        QCOMPARE(found->id, std::string("u-alice"));
        QCOMPARE(found->role, Role::Office);
        QCOMPARE(found->password_hash, std::string("hash-alice"));
        QVERIFY(!m_store->findUser("Alice")); // names are exact, not case-folded
        QVERIFY(!m_store->findUser("bob"));
    }

    // Issue 14 item 7: an account's department round trip, on both back ends.
    void theDepartmentIsKeptAndChanged()
    {
        UserAccount clerk = account("huanbao", Role::Office);
        clerk.department = Department::Environment;
        m_store->addUser(clerk, {});
        m_store->addUser(account("old", Role::Office), {}); // none given: none
        m_store->addUser(account("town", Role::Office), {{"east", "West"}, {"C1"}});
        QCOMPARE(m_store->findUser("huanbao")->department, Department::Environment);
        QCOMPARE(m_store->findUser("old")->department, Department::None);
        QCOMPARE(summaryOf(m_store->listAccounts(), "huanbao")->department,
                 Department::Environment);

        m_store->setUserDepartment("town", Department::Region);
        QCOMPARE(m_store->findUser("town")->department, Department::Region);
        QCOMPARE(summaryOf(m_store->listAccounts(), "town")->department, Department::Region);
        // Its regions by id (not those of its single enterprise), sorted; none for others.
        QCOMPARE(m_store->userRegionIds("town"), (Names{"r-e", "r-w"}));
        QCOMPARE(m_store->userRegionIds("huanbao"), Names{});
        QCOMPARE(m_store->userRegionIds("nobody"), Names{});
        QVERIFY_THROWS_EXCEPTION(StoreRuleError,
                                 m_store->setUserDepartment("nobody", Department::Safety));
        // The device's principal carries it too.
        m_store->addDevice(device("d-1", "u-huanbao", "2017-05-01T08:00:00Z"), "tok-1");
        QCOMPARE(m_store->findByTokenHash("tok-1")->user.department, Department::Environment);
    }

    void aTakenNameIsARuleErrorAndKeepsTheFirstAccount()
    {
        m_store->addUser(account("alice"), {});
        UserAccount again = account("alice", Role::Admin);
        again.id = "u-other";
        QVERIFY_THROWS_EXCEPTION(StoreRuleError, m_store->addUser(again, {}));
        QCOMPARE(m_store->findUser("alice")->id, std::string("u-alice"));
        QCOMPARE(m_store->findUser("alice")->role, Role::Inspector);
        QCOMPARE(m_store->listAccounts().size(), std::size_t(1));
    }

    void anUnknownScopeNameCreatesNothing()
    {
        QVERIFY_THROWS_EXCEPTION(StoreRuleError,
                                 m_store->addUser(account("alice"), {{"West", "Nowhere"}, {}}));
        QVERIFY_THROWS_EXCEPTION(StoreRuleError,
                                 m_store->addUser(account("alice"), {{}, {"C1", "C404"}}));
        // Rolled back whole: the name is free and no scope row of the failed tries is left.
        QVERIFY(!m_store->findUser("alice"));
        m_store->addUser(account("alice"), {{"east"}, {}});
        const auto all = m_store->listAccounts();
        QCOMPARE(all.size(), std::size_t(1));
        QCOMPARE(all[0].region_names, Names{"east"});
        QCOMPARE(all[0].enterprise_codes, Names{});
    }

    void aNewScopeReplacesTheOldOne()
    {
        m_store->addUser(account("alice"), {{"east"}, {"C2"}});
        m_store->setUserScope("alice", {{"West"}, {"C1", "C1"}});
        const auto a = summaryOf(m_store->listAccounts(), "alice");
        QVERIFY(a);
        QCOMPARE(a->region_names, Names{"West"});
        QCOMPARE(a->enterprise_codes, Names{"C1"});
    }

    void aFailedScopeChangeKeepsTheOldScope()
    {
        m_store->addUser(account("alice"), {{"east"}, {"C2"}});
        QVERIFY_THROWS_EXCEPTION(StoreRuleError,
                                 m_store->setUserScope("alice", {{"West", "Nowhere"}, {}}));
        QVERIFY_THROWS_EXCEPTION(StoreRuleError, m_store->setUserScope("nobody", {{"West"}, {}}));
        const auto a = summaryOf(m_store->listAccounts(), "alice");
        QVERIFY(a);
        QCOMPARE(a->region_names, Names{"east"});
        QCOMPARE(a->enterprise_codes, Names{"C2"});
    }

    void aPasswordChangesForThatAccountOnly()
    {
        m_store->addUser(account("alice"), {});
        m_store->addUser(account("bob"), {});
        m_store->setPassword("alice", "new-hash");
        QCOMPARE(m_store->findUser("alice")->password_hash, std::string("new-hash"));
        QCOMPARE(m_store->findUser("bob")->password_hash, std::string("hash-bob"));
        QVERIFY_THROWS_EXCEPTION(StoreRuleError, m_store->setPassword("carol", "x"));
    }

    void aDeviceIsFoundByIdAndByToken()
    {
        m_store->addUser(account("alice", Role::Office), {});
        const std::string key(64, 'a');
        m_store->addDevice(device("d1", "u-alice", "2026-12-01T08:00:00.000Z", key), "token-1");
        m_store->addDevice(device("d2", "u-alice", "2026-12-01T09:00:00.000Z"), "token-2");

        const auto d1 = m_store->findDevice("d1");
        QVERIFY(d1);
        QCOMPARE(d1->user_id, std::string("u-alice"));
        QCOMPARE(d1->name, std::string("tablet d1"));
        QCOMPARE(d1->enrolled_at, std::string("2026-12-01T08:00:00.000Z"));
        QCOMPARE(d1->revoked_at, std::optional<std::string>());
        QCOMPARE(d1->public_key, std::optional<std::string>(key));
        QCOMPARE(m_store->findDevice("d2")->public_key, std::optional<std::string>());
        QVERIFY(!m_store->findDevice("d3"));

        const auto p = m_store->findByTokenHash("token-2");
        QVERIFY(p);
        QCOMPARE(p->device.id, std::string("d2"));
        QCOMPARE(p->user.id, std::string("u-alice"));
        QCOMPARE(p->user.username, std::string("alice"));
        QCOMPARE(p->user.role, Role::Office);
        QCOMPARE(p->user.password_hash, std::string("hash-alice"));
        QVERIFY(!m_store->findByTokenHash("token-3"));
    }

    void aTakenTokenOrDeviceIdIsRefused()
    {
        m_store->addUser(account("alice"), {});
        m_store->addDevice(device("d1", "u-alice", "2026-12-01T08:00:00.000Z"), "token-1");
        QVERIFY_THROWS_EXCEPTION(
            Error,
            m_store->addDevice(device("d2", "u-alice", "2026-12-01T09:00:00.000Z"), "token-1"));
        QVERIFY_THROWS_EXCEPTION(
            Error,
            m_store->addDevice(device("d1", "u-alice", "2026-12-01T09:00:00.000Z"), "token-2"));
        QCOMPARE(m_store->listDevices().size(), std::size_t(1));
        QCOMPARE(m_store->findByTokenHash("token-1")->device.id, std::string("d1"));
    }

    void revokingKeepsTheFirstTimeAndTheDevice()
    {
        m_store->addUser(account("alice"), {});
        m_store->addDevice(device("d1", "u-alice", "2026-12-01T08:00:00.000Z"), "token-1");
        m_store->revokeDevice("d1", "2026-12-02T08:00:00.000Z");
        m_store->revokeDevice("d1", "2026-12-03T08:00:00.000Z"); // not an error
        QCOMPARE(m_store->findDevice("d1")->revoked_at,
                 std::optional<std::string>("2026-12-02T08:00:00.000Z"));
        const auto p = m_store->findByTokenHash("token-1"); // still found, so callers can say so
        QVERIFY(p);
        QCOMPARE(p->device.revoked_at, std::optional<std::string>("2026-12-02T08:00:00.000Z"));
        QVERIFY_THROWS_EXCEPTION(StoreRuleError,
                                 m_store->revokeDevice("d9", "2026-12-02T08:00:00.000Z"));
    }

    void devicesAreListedOldestFirstThenById()
    {
        m_store->addUser(account("alice"), {});
        m_store->addUser(account("Bob"), {});
        m_store->addDevice(device("d-late", "u-alice", "2026-12-02T08:00:00.000Z"), "t1");
        m_store->addDevice(device("b", "u-Bob", "2026-12-01T08:00:00.000Z"), "t2");
        m_store->addDevice(device("B", "u-alice", "2026-12-01T08:00:00.000Z"), "t3");
        m_store->revokeDevice("b", "2026-12-03T08:00:00.000Z");
        const auto list = m_store->listDevices();
        QCOMPARE(list.size(), std::size_t(3));
        QCOMPARE(list[0].device.id, std::string("B")); // byte order: "B" < "b"
        QCOMPARE(list[0].username, std::string("alice"));
        QCOMPARE(list[1].device.id, std::string("b"));
        QCOMPARE(list[1].username, std::string("Bob"));
        QCOMPARE(list[1].device.revoked_at, std::optional<std::string>("2026-12-03T08:00:00.000Z"));
        QCOMPARE(list[2].device.id, std::string("d-late"));
    }

    void accountsAreListedByNameWithScopesAndDevices()
    {
        m_store->addUser(account("alice"), {{"east", "West"}, {"C2", "C1", "C3"}});
        m_store->addUser(account("Bob", Role::Office), {});
        m_store->addUser(account("张三"), {{"West"}, {}});
        m_store->addDevice(device("d1", "u-alice", "2026-12-01T08:00:00.000Z"), "t1");
        m_store->addDevice(device("d2", "u-alice", "2026-12-02T08:00:00.000Z"), "t2");
        m_store->addDevice(device("d3", "u-张三", "2026-12-01T07:00:00.000Z"), "t3");
        m_store->revokeDevice("d2", "2026-12-03T08:00:00.000Z");

        const auto all = m_store->listAccounts();
        QCOMPARE(all.size(), std::size_t(3));
        QCOMPARE(all[0].username, std::string("Bob")); // byte order: "Bob" < "alice" < "张三"
        QCOMPARE(all[1].username, std::string("alice"));
        QCOMPARE(all[2].username, std::string("张三"));

        QCOMPARE(all[0].role, Role::Office);
        QCOMPARE(all[0].region_names, Names{});
        QCOMPARE(all[0].active_devices, 0);
        QCOMPARE(all[0].last_enrolled_at, std::string());

        QCOMPARE(all[1].role, Role::Inspector);
        QCOMPARE(all[1].region_names, (Names{"West", "east"}));
        QCOMPARE(all[1].enterprise_codes, (Names{"C1", "C3", "C2"}));
        QCOMPARE(all[1].enterprise_names, (Names{"Zeta Foundry", "Zeta Foundry", "alpha Glass"}));
        QCOMPARE(all[1].active_devices, 1); // d2 is revoked
        QCOMPARE(all[1].last_enrolled_at, std::string("2026-12-02T08:00:00.000Z"));

        QCOMPARE(all[2].region_names, Names{"West"});
        QCOMPARE(all[2].active_devices, 1);
    }

    void anotherServerSeesEveryChangeAtOnce()
    {
        auto other = m_backend->openAccounts();
        m_store->addUser(account("alice"), {{"east"}, {}});
        QVERIFY(other->findUser("alice"));
        m_store->addDevice(device("d1", "u-alice", "2026-12-01T08:00:00.000Z"), "t1");
        other->setPassword("alice", "changed");
        QCOMPARE(m_store->findByTokenHash("t1")->user.password_hash, std::string("changed"));
        other->revokeDevice("d1", "2026-12-02T08:00:00.000Z");
        QVERIFY(m_store->findByTokenHash("t1")->device.revoked_at);
        other->setUserScope("alice", {{"West"}, {}});
        QCOMPARE(summaryOf(m_store->listAccounts(), "alice")->region_names, Names{"West"});
    }

    void twoServersAddingOneNameMakeOneAccount()
    {
        auto other = m_backend->openAccounts();
        constexpr int kNames = 30;
        RaceTally<StoreRuleError> tally;
        const auto add = [&](AccountStore &store, const std::string &side) {
            for (int i = 0; i < kNames; ++i) {
                const std::string name = "name" + std::to_string(i);
                tally.run([&] {
                    store.addUser(UserAccount{side + name, name, Role::Inspector, "h"},
                                  {{"West"}, {"C1"}});
                });
            }
        };
        std::thread a(add, std::ref(*m_store), "a-");
        std::thread b(add, std::ref(*other), "b-");
        a.join();
        b.join();
        QVERIFY2(tally.failed == 0, tally.firstFailure().c_str());
        QCOMPARE(tally.done.load(), kNames);
        QCOMPARE(tally.refused.load(), kNames);
        const auto all = m_store->listAccounts();
        QCOMPARE(all.size(), std::size_t(kNames));
        for (const auto &acc : all) { // the winner's scope only, once
            QCOMPARE(acc.region_names, Names{"West"});
            QCOMPARE(acc.enterprise_codes, Names{"C1"});
        }
    }

    void twoServersChangingOneScopeNeverMergeThem()
    {
        m_store->addUser(account("alice"), {{"east"}, {}});
        auto other = m_backend->openAccounts();
        constexpr int kRounds = 40;
        std::atomic<int> merged{0};
        std::atomic<bool> failed{false};
        const auto change = [&](AccountStore &store, const ScopeSpec &scope) {
            try {
                for (int i = 0; i < kRounds; ++i) {
                    store.setUserScope("alice", scope);
                    const auto a = summaryOf(store.listAccounts(), "alice");
                    if (!a || a->region_names.size() != 1 || a->enterprise_codes.size() != 1)
                        ++merged;
                }
            } catch (const std::exception &) {
                failed = true;
            }
        };
        std::thread a(change, std::ref(*m_store), ScopeSpec{{"east"}, {"C1"}});
        std::thread b(change, std::ref(*other), ScopeSpec{{"West"}, {"C2"}});
        a.join();
        b.join();
        QVERIFY(!failed);
        QCOMPARE(merged.load(), 0);
        const auto last = summaryOf(m_store->listAccounts(), "alice");
        QVERIFY(last);
        QVERIFY(last->region_names == Names{"east"} || last->region_names == Names{"West"});
        const std::string code = last->region_names[0] == "east" ? "C1" : "C2";
        QCOMPARE(last->enterprise_codes, Names{code});
    }
};

QTEST_GUILESS_MAIN(TestAccountContract)
#include "tst_accountcontract.moc"
