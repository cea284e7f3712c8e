#pragma once
// Builds plan items and final inspections from short specs for the rule tables of
// tst_planrules and tst_exitstatus.
//
//   item spec:  "kind|action|deadline", e.g. "机立窑|seal_then_dismantle|2017-12-31"
//   visit spec: "kind/finding,finding.../verdict@review>amends"
//     kind      survey, exit, acceptance, recheck
//     finding   one per planned item, in order: dismantled, sealed (a proper seal: all four
//               measures, seal number, seal and power_cut photos, commitment letter),
//               sealed-bare (sealed with nothing else), dismantled-bare (no site photo),
//               operating, idle_unsealed, missing, mismatch, or "-" for no check
//     verdict   pass, conditional, fail (optional; gives the visit an opinion)
//     review    A accepted, R returned, - not reviewed (optional, default -)
//     amends    the index of the visit this one amends (optional)
// Visit i happens on 2017-07-(10+i).

#include "core/types.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <string>
#include <vector>

namespace fp::testkit {

inline std::string s(const QString &q)
{
    return q.toStdString();
}

inline std::vector<Equipment> planItems(const QStringList &specs)
{
    std::vector<Equipment> out;
    for (int i = 0; i < specs.size(); ++i) {
        const QStringList f = specs[i].split('|');
        Equipment e;
        e.id = "q" + std::to_string(i + 1);
        e.enterprise_id = "e-1";
        e.kind = s(f.value(0));
        e.spec = "5吨";
        e.capacity = {1.0, "万吨/年"};
        e.action = *enumFromString<RequiredAction>(s(f.value(1, "dismantle")));
        if (!f.value(2).isEmpty())
            e.dismantle_deadline = s(f.value(2));
        out.push_back(e);
    }
    return out;
}

struct KitVisit
{
    InspectionBundle bundle;
    std::optional<ReviewState> review;
};

inline Photo kitPhoto(const std::string &id, const std::string &inspection,
                      std::optional<std::string> check, EvidenceTag tag)
{
    Photo p;
    p.id = id;
    p.inspection_id = inspection;
    p.check_id = std::move(check);
    p.tag = tag;
    p.sha256 = std::string(64, 'a');
    p.taken_at = "2017-07-01T02:00:00.000Z";
    return p;
}

inline KitVisit visit(const QString &spec, int index, const std::vector<Equipment> &plan)
{
    KitVisit v;
    QString body = spec;
    std::optional<std::string> amends;
    if (const qsizetype gt = body.indexOf('>'); gt >= 0) {
        amends = "v" + s(body.mid(gt + 1));
        body = body.left(gt);
    }
    QString review = "-";
    if (const qsizetype at = body.indexOf('@'); at >= 0) {
        review = body.mid(at + 1);
        body = body.left(at);
    }
    const QStringList parts = body.split('/');
    Inspection &in = v.bundle.inspection;
    in.id = "v" + std::to_string(index);
    in.enterprise_id = "e-1";
    in.kind = *enumFromString<VisitKind>(s(parts.value(0)));
    in.started_at = "2017-07-" + std::to_string(10 + index) + "T01:00:00.000Z";
    in.finished_at = "2017-07-" + std::to_string(10 + index) + "T03:00:00.000Z";
    in.state = InspectionState::Final;
    in.amends_id = amends;
    const QStringList findings = parts.value(1).split(',', Qt::SkipEmptyParts);
    bool sealing = false;
    for (int i = 0; i < findings.size() && i < int(plan.size()); ++i) {
        const QString &f = findings[i];
        if (f == "-")
            continue;
        EquipmentCheck c;
        c.id = in.id + "-c" + std::to_string(i + 1);
        c.inspection_id = in.id;
        c.equipment_id = plan[std::size_t(i)].id;
        c.checked_at = in.started_at;
        const QString name = f.section('-', 0, 0);
        c.finding = *enumFromString<Finding>(s(name));
        const bool bare = f.endsWith("-bare");
        if (c.finding == Finding::Sealed && !bare) {
            c.water_cut = c.power_cut = c.power_units_removed = c.main_equipment_sealed = true;
            c.seal_numbers = {"HC-" + std::to_string(index * 10 + i)};
            v.bundle.photos.push_back(kitPhoto(c.id + "-seal", in.id, c.id, EvidenceTag::Seal));
            v.bundle.photos.push_back(
                kitPhoto(c.id + "-power", in.id, c.id, EvidenceTag::PowerCut));
            sealing = true;
        }
        if (c.finding == Finding::Dismantled && !bare)
            v.bundle.photos.push_back(
                kitPhoto(c.id + "-site", in.id, c.id, EvidenceTag::DismantledSite));
        v.bundle.checks.push_back(c);
    }
    if (sealing)
        v.bundle.photos.push_back(
            kitPhoto(in.id + "-letter", in.id, std::nullopt, EvidenceTag::CommitmentLetter));
    if (!parts.value(2).isEmpty()) {
        Opinion o;
        o.id = in.id + "-op";
        o.inspection_id = in.id;
        o.verdict = *enumFromString<Verdict>(s(parts.value(2)));
        o.text = "验收意见";
        v.bundle.opinion = o;
    }
    if (review == "A")
        v.review = ReviewState::Accepted;
    else if (review == "R")
        v.review = ReviewState::Returned;
    return v;
}

inline std::vector<KitVisit> visits(const QStringList &specs, const std::vector<Equipment> &plan)
{
    std::vector<KitVisit> out;
    out.reserve(std::size_t(specs.size()));
    for (int i = 0; i < specs.size(); ++i)
        out.push_back(visit(specs[i], i, plan));
    return out;
}

} // namespace fp::testkit
