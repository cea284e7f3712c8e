#pragma once
// POST /api/v1/sync/push: device-owned records sent to the office, and the per-item verdicts.

#include "core/enums.h"
#include "core/json.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fp {

/// One record revision in the device's outbox. For type "inspection", `data` is a serialized
/// InspectionBundle and `version` the device's revision counter of that inspection (>= 1).
// NOLINTNEXTLINE(bugprone-exception-escape): the generated members copy nlohmann::json values
struct PushItem
{
    std::string type;
    std::string id;
    std::int64_t version = 1;
    Json data;
    std::string device_time; // the device's clock when the revision was written
    // Tamper evidence (docs/protocol.md, "Signed statements"), on final inspections only: the
    // Ed25519 signature (128 lowercase hex digits) over the statement's canonical bytes, a copy
    // of the statement's prev_hash, and the device's statement (an EvidenceStatement object).
    std::optional<std::string> signature;
    std::optional<std::string> prev_hash;
    std::optional<Json> statement{};
    bool operator==(const PushItem &) const = default;
};

/// A batch (at most api::kMaxPushItems items). `batch_id` is made by the device (UUIDv7) and
/// only recorded for audit: idempotency rests on (type, id, version) and the content.
struct PushRequest
{
    std::string device_id;
    std::string batch_id;
    std::vector<PushItem> items;
    bool operator==(const PushRequest &) const = default;
};

/// stored: kept (new, or a newer draft revision). duplicate: the office already has this
/// revision or a newer one — mark the outbox row done. rejected: the office will never take
/// it as it is; `code` says why (missing_blob: upload the blobs, then push again).
enum class PushStatus { Stored, Duplicate, Rejected };

template <> struct EnumNames<PushStatus>
{
    static constexpr auto names =
        std::to_array<std::string_view>({"stored", "duplicate", "rejected"});
    static constexpr std::string_view type = "PushStatus";
};

struct PushResult
{
    std::string type;
    std::string id;
    std::int64_t version = 0;
    PushStatus status = PushStatus::Stored;
    std::optional<std::string> reason; // a sentence for people
    std::optional<std::string> code;   // machine-readable, see docs/protocol.md
    bool operator==(const PushResult &) const = default;
};

/// One result per request item, in request order.
struct PushResponse
{
    std::vector<PushResult> results;
    bool operator==(const PushResponse &) const = default;
};

void to_json(Json &j, const PushItem &v);
void to_json(Json &j, const PushRequest &v);
void to_json(Json &j, const PushResult &v);
void to_json(Json &j, const PushResponse &v);
template <> PushItem decode<PushItem>(const Json &j, const std::string &path);
template <> PushRequest decode<PushRequest>(const Json &j, const std::string &path);
template <> PushResult decode<PushResult>(const Json &j, const std::string &path);
template <> PushResponse decode<PushResponse>(const Json &j, const std::string &path);

} // namespace fp
