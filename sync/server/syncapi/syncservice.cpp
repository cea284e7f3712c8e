#include "server/syncapi/syncservice.h"

#include "core/ids.h"
#include "core/sha256.h"
#include "core/validation.h"
#include "crypto/canonicaljson.h"
#include "crypto/ed25519.h"
#include "crypto/statement.h"
#include "protocol/api.h"
#include "protocol/blobpath.h"
#include "protocol/headervalues.h"
#include "protocol/recordtype.h"
#include "server/domain/apierror.h"
#include "server/domain/credentials.h"
#include "server/domain/pullcursor.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <limits>
#include <mutex>
#include <set>
#include <thread>

namespace fp {

namespace {

/// Every blob an inspection refers to: photos and opinion signatures.
std::set<std::string> referencedBlobs(const InspectionBundle &bundle)
{
    std::set<std::string> out;
    for (const auto &p : bundle.photos)
        out.insert(p.sha256);
    if (bundle.opinion) {
        for (const auto &s : bundle.opinion->signatures)
            out.insert(s.sha256);
    }
    return out;
}

/// Runs work(i) for every i below n on up to four threads (the caller's among them), at least
/// 64 items each; the first exception is rethrown once every thread has stopped. A push's
/// Ed25519 verifications are independent and its costliest part.
template <typename Work> void forEachIndex(std::size_t n, const Work &work)
{
    const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t threads = std::min({cores, std::size_t{4}, (n + 63) / 64});
    if (threads <= 1) {
        for (std::size_t i = 0; i < n; ++i)
            work(i);
        return;
    }
    std::atomic<std::size_t> next{0};
    std::exception_ptr error;
    std::mutex errorMutex;
    const auto run = [&] {
        try {
            for (std::size_t i = next++; i < n; i = next++)
                work(i);
        } catch (...) {
            const std::lock_guard lock(errorMutex);
            if (!error)
                error = std::current_exception();
            next = n;
        }
    };
    {
        std::vector<std::jthread> helpers;
        helpers.reserve(threads - 1);
        for (std::size_t t = 1; t < threads; ++t)
            helpers.emplace_back(run);
        run();
    } // joined
    if (error)
        std::rethrow_exception(error);
}

} // namespace

SyncService::SyncService(AccountStore &accounts, SyncStore &sync, LogStore &officeLog,
                         BlobStore &blobs, SignInThrottle &throttle, const Clock &clock, Log log)
    : m_accounts(accounts), m_sync(sync), m_throttle(throttle), m_officeLog(officeLog),
      m_blobs(blobs), m_clock(clock), m_log(std::move(log))
{
}

EnrollResponse SyncService::enroll(const EnrollRequest &request, const std::string &address)
{
    if (request.username.empty() || request.password.empty())
        throw ApiError(400, "bad_request", "username and password must not be empty");
    if (request.device_name.empty() || request.device_name.size() > 200)
        throw ApiError(400, "bad_request",
                       "request.device_name: must be between 1 and 200 bytes long");
    if (request.public_key && !isSha256Hex(*request.public_key)) // 32 bytes, lowercase hex
        throw ApiError(400, "bad_request",
                       "request.public_key: expected an Ed25519 public key as 64 lowercase hex "
                       "digits");
    // As at the office page's sign-in (the same throttle): guesses are slowed per account name
    // and per address, and while a wait or a lock stands not even the right password is heard.
    const auto verdict = m_throttle.check(request.username, address);
    if (verdict.wait.count() > 0) {
        m_log("enrolment of '" + request.username + "' from " + address +
              " refused: " + (verdict.locked ? "locked" : "throttled"));
        throw ApiError(429, verdict.locked ? "account_locked" : "too_many_attempts",
                       "too many wrong passwords: try again in " +
                           std::to_string(verdict.wait.count()) + " s",
                       verdict.wait.count());
    }
    const auto user = m_accounts.findUser(request.username);
    // The same answer, in the same time, for an unknown user and a wrong password.
    if (!verifyAccountPassword(user ? &user->password_hash : nullptr, request.password)) {
        m_throttle.failed(request.username, address);
        m_log("enrolment refused for '" + request.username + "' from " + address);
        throw ApiError(401, "bad_credentials", "the username or the password is wrong");
    }
    m_throttle.succeeded(request.username, address);

    DeviceInfo device{newId(m_clock),      user->id,
                      request.device_name, formatTimestamp(m_clock.now()),
                      std::nullopt,        request.public_key};
    const std::string token = newDeviceToken();
    m_accounts.addDevice(device, deviceTokenHash(token));
    m_log("enrolled device " + device.id + " (" + device.name + ") for " + user->username);
    return EnrollResponse{device.id, token, user->username, user->role,
                          m_officeLog.officePublicKey()};
}

Principal SyncService::authenticate(std::string_view authorization)
{
    if (authorization.empty())
        throw ApiError(401, "unauthorized",
                       "this request needs an 'Authorization: Bearer <device token>' header");
    const auto token = bearerToken(authorization);
    if (!token)
        throw ApiError(401, "unauthorized",
                       "the Authorization header must be 'Bearer <device token>'");
    const auto who = m_accounts.findByTokenHash(deviceTokenHash(*token));
    if (!who)
        throw ApiError(401, "unauthorized", "the device token is not known; enrol the device");
    if (who->device.revoked_at)
        throw ApiError(401, "revoked",
                       "this device was revoked by the office; enrol it again to continue");
    // The device list's last sync: a courtesy write that must never stop a sync (a full disk,
    // a busy database); the next request tries again.
    try {
        m_accounts.noteDeviceSeen(who->device.id, m_clock.now());
    } catch (const std::exception &e) {
        m_log(std::string("cannot note device ")
                  .append(who->device.id)
                  .append(" seen: ")
                  .append(e.what()));
    }
    return *who;
}

PullPage SyncService::pull(const Principal &who, std::string_view cursor, std::string_view limit)
{
    std::optional<PullCursor> from;
    try {
        from = parsePullCursor(cursor);
    } catch (const DecodeError &e) {
        throw ApiError(400, "bad_cursor", e.what());
    }
    int n = api::kDefaultPullLimit;
    if (!limit.empty()) {
        const auto parsed = parseWholeNumber(limit, 1, std::numeric_limits<int>::max());
        if (!parsed)
            throw ApiError(400, "bad_request",
                           "limit: must be a whole number from 1 to " +
                               std::to_string(api::kMaxPullLimit));
        n = std::min(int(*parsed), api::kMaxPullLimit);
    }
    PullPage page = m_sync.pull(who.user, from, n);
    page.backup = m_sync.backupReach(who.device.id);
    return page;
}

PushResponse SyncService::push(const Principal &who, const PushRequest &request)
{
    if (request.device_id != who.device.id)
        throw ApiError(400, "device_mismatch",
                       "request.device_id: does not match the device of the token");
    if (request.items.size() > api::kMaxPushItems)
        throw ApiError(413, "too_many_items",
                       "a push batch holds at most " + std::to_string(api::kMaxPushItems) +
                           " items; send the rest in another batch");
    // The signing devices first (store lookups, one each), then every item's checks, on several
    // threads for a large batch: they only read.
    DeviceKeys keys;
    for (const auto &item : request.items) {
        if (!item.statement || !item.statement->is_object())
            continue;
        const auto id = item.statement->find("device_id");
        if (id != item.statement->end() && id->is_string() && !keys.contains(*id))
            keys.emplace(*id, m_accounts.findDevice(*id));
    }
    std::vector<PushCandidate> batch(request.items.size());
    forEachIndex(batch.size(), [&](std::size_t i) {
        batch[i] = candidate(who, request, request.items[i], keys);
    });
    PushResponse response{m_sync.applyPush(who, batch)};
    for (const auto &r : response.results) {
        if (r.status == PushStatus::Rejected && r.code == "fork")
            m_log("statement fork: device " + who.device.id + " sent inspection " + r.id +
                  " with a statement whose place in its device's chain is taken by another (" +
                  r.reason.value_or("") + "); flagged in chain_event");
        else if (r.code == "chain_gap")
            m_log("statement chain gap: inspection " + r.id + " stored; " + r.reason.value_or(""));
        if (r.status == PushStatus::Rejected && r.code == "conflict")
            m_log("push conflict: device " + who.device.id + " sent inspection " + r.id +
                  " version " + std::to_string(r.version) +
                  " with content that differs from what was received before (kept in "
                  "push_audit)");
    }
    return response;
}

std::optional<Rejection> SyncService::precheck(const InspectionBundle &bundle)
{
    // Scope is checked by the store, inside the batch's transaction.
    if (bundle.inspection.state == InspectionState::Final) {
        const auto problems = finaliseProblems(bundle);
        if (!problems.empty()) {
            std::string reason = "the evidence rules are not met:";
            // Appended piece by piece: `" " + std::string(...)` trips GCC 12's false -Wrestrict
            // at -O3 (GCC bug 105329).
            for (const auto &p : problems)
                reason.append(" ")
                    .append(toString(p.code))
                    .append(" (")
                    .append(p.message)
                    .append(");");
            reason.pop_back();
            return Rejection{"evidence_incomplete", reason};
        }
    }
    std::string missing;
    for (const auto &sha : referencedBlobs(bundle)) {
        if (!isValidBlobId(sha))
            return Rejection{"invalid_data", "'" + sha + "' is not a SHA-256 blob id"};
        if (!m_blobs.hasWhole(sha))
            missing += (missing.empty() ? "" : ", ") + sha;
    }
    if (!missing.empty())
        return Rejection{"missing_blob", "upload these blobs first, then push again: " + missing};
    // A photo's declared size is part of the signed bundle: it must be its blob's size.
    // (Signatures declare none.) The blob is content-addressed, so only here, where the bundle
    // meets the blob, can the two be compared.
    for (const auto &photo : bundle.photos) {
        const auto held = m_blobs.wholeSize(photo.sha256);
        if (held && *held != photo.size)
            return Rejection{"size_mismatch", std::string("data.photos: photo ")
                                                  .append(photo.id)
                                                  .append(" declares size ")
                                                  .append(std::to_string(photo.size))
                                                  .append(" but its blob ")
                                                  .append(photo.sha256)
                                                  .append(" holds ")
                                                  .append(std::to_string(*held))
                                                  .append(" bytes")};
    }
    return std::nullopt;
}

std::optional<Rejection> SyncService::checkStatement(const Principal &who, const PushItem &item,
                                                     IncomingItem &in, const DeviceKeys &keys)
{
    if (in.state != InspectionState::Final) {
        if (item.statement || item.signature)
            return Rejection{"invalid_statement", "only a final inspection carries a statement"};
        return std::nullopt;
    }
    if (!item.statement || !item.signature)
        return Rejection{"unsigned", "a final inspection needs its device's signed statement; "
                                     "enrol the device again so that it can sign"};
    EvidenceStatement st;
    try {
        st = decode<EvidenceStatement>(*item.statement, "statement");
    } catch (const DecodeError &e) {
        return Rejection{"invalid_statement", e.what()};
    }
    if (st.inspection_id != item.id || st.inspection_version != item.version)
        return Rejection{"invalid_statement",
                         "statement: names another inspection or version than the item"};
    if (item.prev_hash && *item.prev_hash != st.prev_hash)
        return Rejection{"invalid_statement", "prev_hash: differs from statement.prev_hash"};

    const auto found = keys.find(st.device_id);
    const DeviceInfo *signer =
        found != keys.end() && found->second ? &*found->second : nullptr; // looked up by push()
    if (!signer || signer->user_id != who.user.id)
        return Rejection{"unknown_key", "statement.device_id: " + st.device_id +
                                            " is not a device of this account"};
    if (!signer->public_key)
        return Rejection{"unknown_key", "device " + st.device_id +
                                            " was enrolled without a signing key; enrol it again"};
    if (signer->revoked_at)
        return Rejection{"key_revoked", "the key of device " + st.device_id +
                                            " was revoked by the office on " + *signer->revoked_at};
    const std::string bytes = canonicalBytes(st);
    if (!verifyStatement(st, *item.signature, crypto::fromHex(*signer->public_key)))
        return Rejection{"bad_signature",
                         "signature: not the signature of this statement by device " +
                             st.device_id + "'s key"};
    std::string content;
    try {
        content = contentHash(item.data);
    } catch (const DecodeError &e) {
        return Rejection{"invalid_data", e.what()};
    }
    if (content != st.content_hash)
        return Rejection{"content_mismatch", "data: its content hash " + content +
                                                 " is not the statement's " + st.content_hash +
                                                 "; the inspection changed after it was signed"};
    in.statement =
        StatementLink{st.device_id, st.seq, sha256Hex(bytes), st.prev_hash, bytes, *item.signature};
    return std::nullopt;
}

PushCandidate SyncService::candidate(const Principal &who, const PushRequest &request,
                                     const PushItem &item, const DeviceKeys &keys)
{
    PushCandidate c;
    IncomingItem &in = c.item;
    in.type = item.type;
    in.id = item.id;
    in.version = item.version;
    in.data = item.data.dump();
    in.content_hash = sha256Hex(in.data);
    in.device_time = item.device_time;
    in.received_at = formatTimestamp(m_clock.now());
    in.batch_id = request.batch_id;
    in.signature = item.signature;
    in.prev_hash = item.prev_hash;

    if (item.type != wire::kInspection) {
        c.refused = Rejection{"unsupported_type", "the office accepts only items of type "
                                                  "'inspection'"};
        return c;
    }
    InspectionBundle bundle;
    try {
        bundle = decode<InspectionBundle>(item.data, "data");
    } catch (const DecodeError &e) {
        c.refused = Rejection{"invalid_data", e.what()};
        return c;
    }
    if (bundle.inspection.id != item.id) {
        c.refused = Rejection{"id_mismatch", "id: differs from data.inspection.id"};
        return c;
    }
    in.state = bundle.inspection.state;
    in.enterprise_id = bundle.inspection.enterprise_id;
    in.kind = bundle.inspection.kind;
    // Statement problems, like the evidence rules, reject only what would otherwise be stored:
    // a re-send of what the office holds stays a duplicate.
    c.pre = checkStatement(who, item, in, keys);
    if (!c.pre)
        c.pre = precheck(bundle);
    return c;
}

} // namespace fp
