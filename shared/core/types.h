#pragma once
// The domain records of DESIGN §3. Plain values; JSON lives in json.h, rules in validation.h.
// Times are UTC ISO-8601 strings with milliseconds ("2017-06-01T08:30:00.000Z"), dates are
// "YYYY-MM-DD": records keep exactly what was written, whatever clock wrote it.

#include "core/enums.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fp {

/// A point on the ground (WGS-84) with the accuracy the positioning source reported. A point
/// the tablet recorded also says how old the fix was when it was used (whole seconds) and
/// whether the source marked it as simulated (a mock location or a replayed recording).
struct Position
{
    double lat = 0;
    double lon = 0;
    std::optional<double> accuracy_m;
    std::optional<int> fix_age_s{};
    bool simulated{};
    bool operator==(const Position &) const = default;
};

/// A production capacity, e.g. 3.0 万吨/年.
struct Capacity
{
    double value = 0;
    std::string unit;
    bool operator==(const Capacity &) const = default;
};

// ---- office-owned -------------------------------------------------------------------------

/// 属地: a town, management area or development zone.
struct Region
{
    std::string id;
    std::string name;
    RegionKind kind = RegionKind::Town;
    bool operator==(const Region &) const = default;
};

/// 企业: a plant that holds backward capacity.
struct Enterprise
{
    std::string id;
    std::string credit_code;
    std::string name;
    std::string region_id;
    std::string industry;
    std::string address;
    std::string legal_representative;
    std::string contact_phone;
    std::optional<Position> location;
    bool operator==(const Enterprise &) const = default;
};

/// 设备: one planned piece (or identical set) of backward equipment.
struct Equipment
{
    std::string id;
    std::string enterprise_id;
    std::string kind; // 中频炉, 工频炉, 反射窑, 机立窑, 冲天炉, 平拉玻璃生产线, 预焙电解槽 or other
    std::string spec;
    int count = 1;
    Capacity capacity;
    std::string location_in_plant;
    int plan_year = 0;
    RequiredAction action = RequiredAction::Dismantle;
    std::optional<std::string> dismantle_deadline; // date
    bool operator==(const Equipment &) const = default;
};

/// 黄牌/红牌 and the environmental lists: a standard an enterprise failed.
struct Card
{
    std::string id;
    std::string enterprise_id;
    CardStandard standard = CardStandard::Energy;
    CardLevel level = CardLevel::Yellow;
    std::string department;
    std::string issued_on;                  // date
    std::optional<std::string> rectify_by;  // date; yellow cards: issued + 6 months
    std::optional<std::string> extended_to; // date; at most one extension of <= 3 months
    CardState state = CardState::Open;
    std::optional<std::string> extension_applied_on; // date the enterprise applied
    std::optional<std::string> extension_reason;
    std::optional<std::string> source_card_id; // red card: the yellow card closed by law
    bool operator==(const Card &) const = default;
};

/// 任务: a site visit the office assigned.
struct Task
{
    std::string id;
    std::string enterprise_id;
    VisitKind kind = VisitKind::Survey;
    std::string due;                     // date
    std::vector<std::string> inspectors; // usernames
    bool operator==(const Task &) const = default;
};

/// The office's review of one incoming inspection, pulled back to the tablet.
struct Review
{
    std::string inspection_id;
    ReviewState state = ReviewState::Received;
    std::string reason; // why it was returned
    std::string reviewed_at;
    bool operator==(const Review &) const = default;
};

// ---- device-owned -------------------------------------------------------------------------

/// 现场检查: one visit to one enterprise.
struct Inspection
{
    std::string id;
    std::optional<std::string> task_id; // none: an ad-hoc visit after a tip-off
    std::string enterprise_id;
    VisitKind kind = VisitKind::Survey;
    std::vector<std::string> inspectors;
    std::string representative;
    std::string started_at;
    std::optional<std::string> finished_at;
    std::optional<Position> position;
    InspectionState state = InspectionState::Draft;
    std::optional<std::string> amends_id; // the final inspection this one corrects
    std::string notes;
    bool operator==(const Inspection &) const = default;
};

/// An item found on site that is not in the plan (漏报).
struct UnlistedItem
{
    std::string kind;
    std::string spec;
    Capacity capacity;
    bool operator==(const UnlistedItem &) const = default;
};

/// 设备核查: the finding for one equipment item during one inspection.
struct EquipmentCheck
{
    std::string id;
    std::string inspection_id;
    std::optional<std::string> equipment_id; // set for planned items
    std::optional<UnlistedItem> unlisted;    // set for items found on site
    Finding finding = Finding::Dismantled;
    bool water_cut = false;
    bool power_cut = false;
    bool power_units_removed = false;
    bool main_equipment_sealed = false;
    std::vector<std::string> seal_numbers;
    std::string notes;
    std::optional<Position> position;
    std::string checked_at;
    bool operator==(const EquipmentCheck &) const = default;
};

/// 照片: evidence, stored by content hash. Belongs to an inspection, optionally to one check.
struct Photo
{
    std::string id;
    std::string inspection_id;
    std::optional<std::string> check_id;
    EvidenceTag tag = EvidenceTag::Overview;
    std::string sha256;
    std::int64_t size = 0;
    int width = 0;
    int height = 0;
    /// When the picture was taken. Camera photos: the device clock at capture. Imported
    /// photos: the file's own EXIF DateTimeOriginal, or empty when the file has none (unknown).
    std::string taken_at;
    std::optional<Position> position; // imported photos: none (the file's place is unknown)
    std::string caption;
    PhotoSource source = PhotoSource::Camera;
    bool operator==(const Photo &) const = default;
};

/// A handwritten signature, stored as a PNG blob by content hash.
struct Signature
{
    SignerRole role = SignerRole::Inspector;
    std::string name;
    std::string sha256;
    std::string signed_at;
    bool operator==(const Signature &) const = default;
};

/// 验收意见: the written acceptance opinion of an acceptance visit.
struct Opinion
{
    std::string id;
    std::string inspection_id;
    Verdict verdict = Verdict::Pass;
    std::string text;
    std::optional<std::string> follow_up_deadline; // date
    std::vector<Signature> signatures;
    bool operator==(const Opinion &) const = default;
};

/// One inspection with everything under it: the unit that is finalised, pushed and reviewed.
struct InspectionBundle
{
    Inspection inspection;
    std::vector<EquipmentCheck> checks;
    std::vector<Photo> photos;
    std::optional<Opinion> opinion;
    bool operator==(const InspectionBundle &) const = default;
};

} // namespace fp
