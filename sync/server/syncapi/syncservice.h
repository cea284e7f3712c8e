#pragma once
// The sync API's rules, apart from HTTP: enrolment, token checks, pull and push (DESIGN §4,
// docs/protocol.md). Throws ApiError for refused requests; the HTTP layer only translates.

#include "core/clock.h"
#include "protocol/enroll.h"
#include "protocol/pullpage.h"
#include "protocol/push.h"
#include "server/blobs/blobstore.h"
#include "server/domain/signinthrottle.h"
#include "server/storage/accountstore.h"
#include "server/storage/logstore.h"
#include "server/storage/syncstore.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace fp {

class SyncService
{
  public:
    using Log = std::function<void(const std::string &)>;

    /// `throttle` is shared with the office page's sign-in: guesses count on both doors.
    SyncService(AccountStore &accounts, SyncStore &sync, LogStore &officeLog, BlobStore &blobs,
                SignInThrottle &throttle, const Clock &clock, Log log);

    /// Checks the credentials and enrols a new device; 401 bad_credentials otherwise, 429 while
    /// the throttle makes this account name or `address` wait.
    EnrollResponse enroll(const EnrollRequest &request, const std::string &address);
    /// The device behind an `Authorization: Bearer <token>` header; 401 otherwise.
    Principal authenticate(std::string_view authorization);
    /// `cursor` and `limit` as the query string gave them (empty when absent).
    PullPage pull(const Principal &who, std::string_view cursor, std::string_view limit);
    PushResponse push(const Principal &who, const PushRequest &request);
    /// The office log's proofs; the numbers as the query string gave them. 400 bad_request
    /// for a number that is missing, malformed or out of the log's range.
    ConsistencyAnswer logConsistency(std::string_view from, std::string_view to);
    InclusionAnswer logInclusion(std::string_view index, std::string_view size);

  private:
    /// The signing devices a batch's statements name, looked up once per batch.
    using DeviceKeys = std::map<std::string, std::optional<DeviceInfo>>;

    /// Decodes one item and runs the checks that need no store. Runs on several threads at
    /// once: it only reads (the store is not touched).
    PushCandidate candidate(const Principal &who, const PushRequest &request, const PushItem &item,
                            const DeviceKeys &keys);
    /// A final inspection's statement: decoded, its device a known, unrevoked device of the
    /// pushing account, its signature valid, its content hash that of the data. Fills
    /// `in.statement`; the chain itself (forks, gaps) is checked by the store.
    std::optional<Rejection> checkStatement(const Principal &who, const PushItem &item,
                                            IncomingItem &in, const DeviceKeys &keys);
    /// Evidence rules and referenced blobs: problems that reject an item only if it would
    /// otherwise be stored.
    std::optional<Rejection> precheck(const InspectionBundle &bundle);

    AccountStore &m_accounts;
    SyncStore &m_sync;
    SignInThrottle &m_throttle;
    LogStore &m_officeLog;
    BlobStore &m_blobs;
    const Clock &m_clock;
    Log m_log;
};

} // namespace fp
