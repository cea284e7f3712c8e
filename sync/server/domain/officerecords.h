#pragma once
// The plain records the office store takes and returns (accounts, devices, plan rows, report
// rows). Domain records themselves come from core/types.h.

#include "core/types.h"
#include "server/domain/department.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fp {

/// A person who signs in: inspector, office staff or administrator.
struct UserAccount
{
    std::string id;
    std::string username;
    Role role = Role::Inspector;
    std::string password_hash; // Argon2id, crypto_pwhash_str format
    /// The office account's bureau or town/zone office (department.h); None for inspectors.
    Department department = Department::None;
};

/// What a new or changed account may see, by natural keys: region names and credit codes.
/// Office and admin accounts see everything whatever is listed here.
struct ScopeSpec
{
    std::vector<std::string> region_names;
    std::vector<std::string> enterprise_codes;
};

/// An enrolled tablet.
struct DeviceInfo
{
    std::string id;
    std::string user_id;
    std::string name;
    std::string enrolled_at;
    std::optional<std::string> revoked_at;
    /// Ed25519 public key (64 lowercase hex digits) sent at enrolment; none for a device
    /// enrolled without one (it cannot sign, so its final inspections are refused).
    std::optional<std::string> public_key{};
};

/// A device as `device list` shows it.
struct DeviceListing
{
    DeviceInfo device;
    std::string username;
    /// When the device last authenticated (to the minute); none before its first sync.
    std::optional<std::string> last_seen_at{};
};

/// The authenticated caller of a sync request.
struct Principal
{
    DeviceInfo device;
    UserAccount user;
};

/// Where a device's pull feed stands: the user's scope epoch, the change-log sequence, and a
/// tag of the entry at that sequence (so that a log restored from an older backup, whose
/// sequence numbers were then reused, is noticed instead of silently skipped).
struct PullCursor
{
    std::int64_t epoch = 0;
    std::int64_t seq = 0;
    std::string tag = "0";
    bool operator==(const PullCursor &) const = default;
};

/// One equipment line of a plan sheet, resolved to natural keys (planimport.h builds these).
struct PlanEntry
{
    Region region;         // id unused: matched by name
    Enterprise enterprise; // id and region_id unused: matched by credit code
    Equipment equipment;   // id and enterprise_id unused: matched by natural_key
    std::string natural_key;
    int line = 0;
    bool has_equipment = true; // false: the sheet lists the enterprise alone (no equipment row)
};

/// One change of a card, for its history: who did what, when, and the card after it.
struct CardChange
{
    std::string at; // office time
    std::string by; // username, or "cli:<OS user>" for the command line (cliActor)
    std::string
        action; // issued, extended, rectified, reopened, closed_by_law, produced, withdrawn: …
    Card card;
};

/// One review decision, for its history: who decided what, when.
struct ReviewChange
{
    std::string at;
    std::string by; // username, "" when the decision was not recorded with one (the CLI)
    ReviewState state = ReviewState::Received;
    std::string reason{};
};

/// What an import changed.
struct PlanImportCounts
{
    int regions_added = 0;
    int enterprises_added = 0;
    int enterprises_updated = 0;
    int equipment_added = 0;
    int equipment_updated = 0;
    int unchanged = 0;
    bool operator==(const PlanImportCounts &) const = default;
};

/// Whether a plan sheet's line brings nothing new for an enterprise or an item the office holds
/// (a re-import leaves such rows, and their change-log entries, alone).
inline bool sameSheetFields(const Enterprise &a, const Enterprise &b)
{
    return a.name == b.name && a.region_id == b.region_id && a.industry == b.industry &&
           a.address == b.address && a.legal_representative == b.legal_representative &&
           a.contact_phone == b.contact_phone;
}
inline bool samePlanFields(const Equipment &a, const Equipment &b)
{
    return a.kind == b.kind && a.spec == b.spec && a.count == b.count && a.capacity == b.capacity &&
           a.plan_year == b.plan_year && a.action == b.action &&
           a.dismantle_deadline == b.dismantle_deadline;
}

/// A verified statement (docs/protocol.md) as the office keeps it beside the inspection.
struct StatementLink
{
    std::string device_id; // the device that signed, not always the one that pushed
    std::int64_t seq = 0;
    std::string hash; // SHA-256 hex of `bytes`
    std::string prev_hash;
    std::string bytes;     // the canonical statement, as signed
    std::string signature; // hex
};

/// What the office noticed in a device's chain when a statement arrived.
struct ChainEvent
{
    std::string kind; // gap | fork
    std::int64_t seq = 0;
    std::string detail;
    std::string at;
};

/// One device's statement chain as the office holds it now.
struct DeviceChain
{
    std::string device_id;
    std::int64_t statements = 0;
    std::int64_t highest_seq = 0;
    std::vector<std::int64_t> missing; // seqs below highest_seq not (yet) received
    std::vector<ChainEvent> events;    // oldest first
};

/// An item arriving in a push, decoded (as far as it could be) by SyncService.
struct IncomingItem
{
    std::string type;
    std::string id;
    std::int64_t version = 0;
    InspectionState state = InspectionState::Draft;
    std::string enterprise_id;
    VisitKind kind = VisitKind::Survey;
    std::string data; // the item's data, serialized
    std::string content_hash;
    std::string device_time;
    std::string received_at;
    std::string batch_id;
    std::optional<std::string> signature;
    std::optional<std::string> prev_hash;
    /// A final inspection's verified statement: its place in the signing device's chain.
    std::optional<StatementLink> statement{};
};

/// Why an item may not be stored, found before the store looked at it.
struct Rejection
{
    std::string code;
    std::string reason;
};

/// One item of a push batch for SyncStore::applyPush.
struct PushCandidate
{
    IncomingItem item;
    /// Rejects the item only if it would otherwise be stored, so that re-sends of what the
    /// office already holds stay duplicates (scope, evidence rules, missing blobs).
    std::optional<Rejection> pre;
    /// Rejects the item outright: it could not even be read as an inspection revision.
    std::optional<Rejection> refused;
};

/// A line of the published elimination-plan list.
struct PlanListRow
{
    std::string region_name;
    Enterprise enterprise;
    Equipment equipment;
};

/// A card with the enterprise it was issued to.
struct CardListRow
{
    Card card;
    Enterprise enterprise;
    std::string region_name;
};

/// A final inspection as the office holds it, with its review.
struct ReceivedInspection
{
    InspectionBundle bundle;
    std::string received_at;
    ReviewState review = ReviewState::Received;
};

} // namespace fp
