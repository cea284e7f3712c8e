#include "sync/syncworker.h"

#include "platform/keystore.h"
#include "text/qtstrings.h"

#include <QElapsedTimer>

namespace fp {

SyncWorker::SyncWorker(const QString &dbFile, const QString &photoDir,
                       std::unique_ptr<SyncBackend> backend, std::atomic<bool> &cancel)
    : m_store(std::make_unique<DeviceStore>(ss(dbFile), ss(photoDir))),
      m_backend(std::move(backend)), m_cancel(cancel)
{
    // The UI's store and this one share the signing key (an enrolment here saves it).
    m_store->setSigningKeyStore(platformSigningKeys(ss(dbFile)));
}

SyncWorker::~SyncWorker() = default;

void SyncWorker::runSync(const SyncRunOptions &options)
{
    SyncRunResult result;
    // The library may report every chunk of a file; the UI needs ten updates a second at most.
    QElapsedTimer sinceLast;
    int lastPhase = -1;
    bool lastUnreachable = false;
    auto report = [&](const SyncRunProgress &p) {
        const bool phaseChanged = p.phase != lastPhase || p.unreachable != lastUnreachable;
        if (!phaseChanged && sinceLast.isValid() && sinceLast.elapsed() < 100 &&
            p.items_done < p.items_total)
            return;
        lastPhase = p.phase;
        lastUnreachable = p.unreachable;
        sinceLast.start();
        Q_EMIT progress(p);
    };
    try {
        result = m_backend->sync(*m_store, m_cancel, report, options);
    } catch (const std::exception &e) { // a backend must not take the thread down
        result.failure = SyncFailure::Other;
        result.message = e.what();
    }
    Q_EMIT syncFinished(result);
    readState();
}

void SyncWorker::runEnrol(const EnrolRequest &request)
{
    SyncRunResult result;
    try {
        result = m_backend->enrol(*m_store, request, m_cancel);
    } catch (const std::exception &e) {
        result.failure = SyncFailure::Other;
        result.message = e.what();
    }
    readState();
    Q_EMIT enrolFinished(result);
}

void SyncWorker::readState()
{
    try {
        const auto e = m_backend->enrolment(*m_store);
        const QString last = qs(m_backend->lastSync(*m_store));
        if (e)
            Q_EMIT stateRead(true, qs(e->username), qs(e->device_id), qs(e->server_url), last,
                             qs(e->ca_file));
        else
            Q_EMIT stateRead(false, {}, {}, {}, last, {});
    } catch (const std::exception &) {
        Q_EMIT stateRead(false, {}, {}, {}, {}, {});
    }
}

} // namespace fp
