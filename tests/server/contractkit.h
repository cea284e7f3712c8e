#pragma once
// What the storage contract tests share (storebackend.h runs each on both back ends): the test
// object that starts the back end once, the people of a seeded office with their tablets, the
// inspections they push, the whole pull feed and the seeds of test keys.

#include "storebackend.h"

#include "server/domain/officerecords.h"

#include <QObject>

#include <array>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace fp::test {

/// A seed for an office or device key, distinct per (step, first): byte i is i * step + first.
std::array<unsigned char, 32> keySeed(unsigned step, unsigned first);

/// The seed of an office with nothing in it: a statement both back ends run that changes nothing.
extern const char *const kEmptyOffice;

/// Seed SQL of two towns, east ("r-e") and West ("r-w"), byte order putting West first, and
/// an enterprise in each: "e-1" Zeta Foundry (C1, foundry, located) in east and "e-2" alpha Glass
/// (C2, glass) in West.
extern const char *const kTwoTowns;

/// Someone with an account ("u-NAME", password hash "hash") and an enrolled tablet ("d-NAME",
/// "tablet of NAME", token hash "token-NAME").
struct Person
{
    std::string name;
    Role role = Role::Inspector;
    ScopeSpec scope{};
    std::optional<std::string> public_key{}; // the tablet's, as given at enrolment
};

/// Adds each person's account and tablet (enrolled at `enrolledAt`); their principals as the
/// store finds them by token, by name (one missing where the store did not find it).
std::map<std::string, Principal> enrol(AccountStore &accounts, const std::vector<Person> &people,
                                       const std::string &enrolledAt);

/// An inspection as a tablet pushes it: version 1, a survey, batch "batch-ID", `data` with its
/// content hash, made at `deviceTime` and received at `receivedAt`.
IncomingItem inspectionItem(const std::string &id, const std::string &enterprise,
                            InspectionState state, std::string data, const std::string &deviceTime,
                            const std::string &receivedAt);

/// The whole feed for `user` from nothing, page by page of `limit` (at most 100 pages; the test
/// fails when it does not end by then).
PullPage pullAll(SyncStore &store, const UserAccount &user, int limit = 500);

/// How store calls made at once ended, as the contract tests of two servers on one database
/// count them: done, refused with `Refusal` (the lost race the contract allows) or failed in
/// any other way (the first such message kept).
template <typename Refusal> class RaceTally
{
  public:
    std::atomic<int> done{0};
    std::atomic<int> refused{0};
    std::atomic<int> failed{0};

    /// Runs `call` and counts how it ended.
    template <typename Call> void run(const Call &call)
    {
        try {
            call();
            ++done;
        } catch (const Refusal &) {
            ++refused;
        } catch (const std::exception &e) {
            const std::lock_guard lock(m_mutex);
            if (m_firstFailure.empty())
                m_firstFailure = e.what();
            ++failed;
        }
    }

    /// Runs `first` and `second` at once on two threads, as two server processes would, and
    /// counts how each ended.
    template <typename First, typename Second> void race(const First &first, const Second &second)
    {
        std::thread a([&] { run(first); });
        std::thread b([&] { run(second); });
        a.join();
        b.join();
    }

    /// The message of the first call that failed other than by `Refusal`; "" when none did.
    std::string firstFailure() const
    {
        const std::lock_guard lock(m_mutex);
        return m_firstFailure;
    }

  private:
    mutable std::mutex m_mutex;
    std::string m_firstFailure;
};

/// A storage contract test: the back end FIELDPROOF_STORE_BACKEND names, started once in
/// initTestCase() (an unavailable one skips or fails, as FP_START_STORE_BACKEND says) and let
/// go in cleanupTestCase(). Each test class makes its office in its own init().
class StoreContractTest : public QObject
{
    Q_OBJECT

  protected:
    std::unique_ptr<StoreBackend> m_backend;

  private slots:
    void initTestCase();
    void cleanupTestCase();
};

/// A contract test whose office has people with tablets who push and pull: the accounts and sync
/// stores on the current office and each person's principal.
class PushContractTest : public StoreContractTest
{
    Q_OBJECT

  protected:
    std::unique_ptr<AccountStore> m_accounts;
    std::unique_ptr<SyncStore> m_sync;
    std::map<std::string, Principal> m_who; // username -> its device and account

    /// A new office seeded with `seedSql`, m_accounts and m_sync opened on it (`signer` signs the
    /// office log's heads) and `people` enrolled at `enrolledAt`; false (with a warning saying
    /// why) when that failed.
    bool openPushOffice(const std::string &seedSql, const std::vector<Person> &people,
                        const std::string &enrolledAt, const TreeHeadSigner *signer = nullptr);
    /// Lets m_sync and m_accounts go (in cleanup(), before the next office).
    void closePushOffice();
};

/// ann (inspector of east), bob (inspector of West) and olga (office, everything).
std::vector<Person> annBobOlga();

} // namespace fp::test
