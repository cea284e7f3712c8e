#pragma once
// The back end a storage contract test runs against (issue 18 item 2), chosen by the
// environment variable FIELDPROOF_STORE_BACKEND: "sqlite" (SqliteOfficeStore on a file in a
// temporary folder) or "postgresql" (PgOfficeStore on a private PostgreSQL 15 cluster,
// tests/support pgcluster). Each test function gets a new empty office; openAccounts() may be
// called again for a second store on the same database, as a second server process holds one.

#include "server/domain/officekey.h"
#include "server/storage/officestore.h"

#include <QString>

#include <memory>
#include <string>

namespace fp::test {

class StoreBackend
{
  public:
    /// The back end FIELDPROOF_STORE_BACKEND names (sqlite when it is unset); null with
    /// `why` set for an unknown name.
    static std::unique_ptr<StoreBackend> fromEnvironment(QString &why);

    virtual ~StoreBackend() = default;
    virtual QString name() const = 0;
    /// "" when the back end can run here; otherwise why not (PostgreSQL missing, ...).
    virtual QString unavailable() const { return {}; }
    /// Starts what the back end needs (a cluster); false with errorText() set.
    virtual bool start() { return true; }
    /// A new office database with its schema up to date and then `seedSql` run in it: plain
    /// INSERT statements that both back ends read alike (what another port would have
    /// written). False with errorText() set.
    virtual bool newOffice(const std::string &seedSql) = 0;
    /// Another store on the current office database, as a second server process holds one;
    /// `signer` signs the office log's heads (none: unsigned; it must outlive the store).
    virtual std::unique_ptr<OfficeStore> openOffice(const TreeHeadSigner *signer = nullptr) = 0;
    /// The same with up to `connections` connections to the database, for several threads at
    /// once (PostgreSQL's pool, sync/server/pgstore/pgpool.h); SQLite has its one connection.
    virtual std::unique_ptr<OfficeStore> openPooledOffice(int connections,
                                                          const TreeHeadSigner *signer = nullptr)
    {
        (void)connections;
        return openOffice(signer);
    }
    /// The current office database's libpq connection string on PostgreSQL (a test's own
    /// connection, e.g. to hold a transaction open); "" on SQLite.
    virtual std::string conninfo() const { return {}; }
    // The same, seen through one port (what each contract test exercises).
    std::unique_ptr<AccountStore> openAccounts() { return openOffice(); }
    std::unique_ptr<SyncStore> openSync(const TreeHeadSigner *signer = nullptr)
    {
        return openOffice(signer);
    }
    std::unique_ptr<PlanStore> openPlan() { return openOffice(); }
    std::unique_ptr<ReviewStore> openReviews(const TreeHeadSigner *signer = nullptr)
    {
        return openOffice(signer);
    }
    std::unique_ptr<LogStore> openLog(const TreeHeadSigner *signer = nullptr)
    {
        return openOffice(signer);
    }
    std::unique_ptr<ReportStore> openReports(const TreeHeadSigner *signer = nullptr)
    {
        return openOffice(signer);
    }
    std::unique_ptr<JournalStore> openJournal() { return openOffice(); }
    std::unique_ptr<EnterpriseStore> openEnterprises() { return openOffice(); }
    std::unique_ptr<FindStore> openFinds() { return openOffice(); }
    std::unique_ptr<TipoffStore> openTipoffs() { return openOffice(); }
    std::unique_ptr<PublicationStore> openPublications() { return openOffice(); }
    std::unique_ptr<SessionStore> openSessions() { return openOffice(); }
    std::unique_ptr<ThrottleStore> openThrottle() { return openOffice(); }
    /// Runs SQL text in the current office database behind the stores' backs (a tampering
    /// admin, a trigger's refusal, an older program); false with errorText() set when the
    /// database refused it.
    virtual bool execSql(const std::string &sql) = 0;
    /// The first column of the first row of `sql`, as an integer.
    virtual std::int64_t scalar(const std::string &sql) = 0;
    /// "" when the change log's sequence numbers, the office log's leaf indexes and the numbers
    /// of push_audit and office_journal of the current office were handed out in the order in which
    /// their transactions committed; otherwise the first pair out of order. Only PostgreSQL can
    /// break this (SQLite has one writer at a time); it is checked there from the commit timestamps
    /// of the rows.
    virtual QString commitOrderProblem() { return {}; }

    QString errorText() const { return m_error; }

  protected:
    QString m_error;
};

/// Whether an unavailable back end fails the test instead of skipping it
/// (FIELDPROOF_REQUIRE_POSTGRESQL=1, as CI sets it).
bool backendRequired();

} // namespace fp::test

/// In a contract test's initTestCase(): `backend` (a std::unique_ptr<StoreBackend> member)
/// becomes the back end FIELDPROOF_STORE_BACKEND names, started; an unavailable one skips the
/// test, or fails it where backendRequired(). A macro, because QSKIP and QFAIL return from the
/// test function itself.
#define FP_START_STORE_BACKEND(backend)                                                            \
    do {                                                                                           \
        QString why_;                                                                              \
        (backend) = ::fp::test::StoreBackend::fromEnvironment(why_);                               \
        QVERIFY2((backend), qPrintable(why_));                                                     \
        if (!(backend)->unavailable().isEmpty()) {                                                 \
            if (::fp::test::backendRequired())                                                     \
                QFAIL(qPrintable((backend)->unavailable()));                                       \
            QSKIP(qPrintable((backend)->unavailable()));                                           \
        }                                                                                          \
        QVERIFY2((backend)->start(), qPrintable((backend)->errorText()));                          \
        qInfo("back end: %s", qPrintable((backend)->name()));                                      \
    } while (false)
