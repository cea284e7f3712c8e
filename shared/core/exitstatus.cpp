#include "core/exitstatus.h"

#include "core/planrules.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace fp {

namespace {

std::string visitTime(const Inspection &i)
{
    return i.finished_at.value_or(i.started_at);
}

bool isFinal(const VisitEvidence &v)
{
    return v.bundle && v.bundle->inspection.state == InspectionState::Final;
}

bool isAccepted(const VisitEvidence &v)
{
    return v.review == ReviewState::Accepted;
}

bool isUnreviewed(const VisitEvidence &v)
{
    return !v.review || *v.review == ReviewState::Received;
}

/// Orders visits in time; an amending visit takes the time of the visit it amends (the root of
/// its chain among `byId`), so a correction replaces the original where it stood.
class VisitOrder
{
  public:
    explicit VisitOrder(const std::vector<const VisitEvidence *> &visits)
    {
        for (const VisitEvidence *v : visits)
            m_byId[v->bundle->inspection.id] = v;
    }

    auto key(const VisitEvidence *v) const
    {
        const VisitEvidence *root = v;
        std::set<std::string> seen; // a cycle of amends_id cannot loop forever
        while (root->bundle->inspection.amends_id &&
               seen.insert(root->bundle->inspection.id).second) {
            const auto it = m_byId.find(*root->bundle->inspection.amends_id);
            if (it == m_byId.end())
                break;
            root = it->second;
        }
        return std::make_tuple(visitTime(root->bundle->inspection),
                               visitTime(v->bundle->inspection), v->bundle->inspection.id);
    }

    void sort(std::vector<const VisitEvidence *> &visits) const
    {
        std::stable_sort(visits.begin(), visits.end(),
                         [this](const auto *a, const auto *b) { return key(a) < key(b); });
    }

  private:
    std::map<std::string, const VisitEvidence *> m_byId;
};

bool coversAsAcceptance(const InspectionBundle &b)
{
    return b.inspection.kind == VisitKind::Acceptance && b.opinion &&
           b.opinion->verdict != Verdict::Fail;
}

ItemExit deriveItem(const Equipment &item, const std::vector<const VisitEvidence *> &effective,
                    std::string_view today)
{
    ItemExit st;
    bool covered = false; // sealed under a conditional acceptance that stays in force
    for (const VisitEvidence *v : effective) {
        const InspectionBundle &b = *v->bundle;
        const EquipmentCheck *c = checkOf(b, item.id);
        if (!c)
            continue;
        st.finding = c->finding;
        st.inspection_id = b.inspection.id;
        st.found_on = visitDate(b.inspection);
        st.note.clear();
        st.deadline.reset();
        const bool acceptance = coversAsAcceptance(b);
        switch (judgeCheck(*c, item, b)) {
        case CheckOutcome::Dismantled:
            st.status = acceptance || covered || st.status == ItemStatus::Accepted
                            ? ItemStatus::Accepted
                            : ItemStatus::Dismantled;
            covered = false;
            break;
        case CheckOutcome::SealedPending:
            st.status = ItemStatus::SealedPending;
            st.deadline = item.dismantle_deadline;
            covered = covered || (acceptance && b.opinion->verdict == Verdict::Conditional);
            break;
        case CheckOutcome::SealedNotAllowed:
            st.status = ItemStatus::Planned;
            st.note = "sealed_not_allowed";
            covered = false;
            break;
        case CheckOutcome::SealIncomplete:
            st.status = ItemStatus::Planned;
            st.note = "seal_incomplete";
            covered = false;
            break;
        case CheckOutcome::Producing:
            // Producing before anything counted is where every plant starts, not a resumption.
            st.status = counts(st.status) || st.status == ItemStatus::Resumed ? ItemStatus::Resumed
                                                                              : ItemStatus::Planned;
            st.note = "producing";
            covered = false;
            break;
        case CheckOutcome::Unresolved:
            st.status = ItemStatus::Planned;
            st.note = c->finding == Finding::Mismatch ? "mismatch" : "dismantled_without_photo";
            covered = false;
            break;
        }
        st.conditionally_accepted = covered && st.status == ItemStatus::SealedPending;
    }
    st.overdue = st.status == ItemStatus::SealedPending && st.deadline && *st.deadline < today;
    return st;
}

/// Items found producing again after an earlier final, not-returned visit found them sealed or
/// dismantled, and not found sealed or dismantled since by a visit the office accepted.
std::vector<ResumedAlert> resumedAlerts(const std::vector<Equipment> &planned,
                                        const std::vector<const VisitEvidence *> &visits)
{
    std::vector<ResumedAlert> out;
    for (const Equipment &item : planned) {
        bool wasCounted = false;
        std::optional<ResumedAlert> alert;
        for (const VisitEvidence *v : visits) {
            const EquipmentCheck *c = checkOf(*v->bundle, item.id);
            if (!c)
                continue;
            if (c->finding == Finding::Dismantled || c->finding == Finding::Sealed) {
                wasCounted = true;
                if (isAccepted(*v)) // an unreviewed claim does not silence a 复产 alert
                    alert.reset();
            } else if (wasCounted && c->finding != Finding::Mismatch) {
                alert = ResumedAlert{item.id, v->bundle->inspection.id, c->finding,
                                     visitDate(v->bundle->inspection), isAccepted(*v)};
            }
        }
        if (alert)
            out.push_back(*alert);
    }
    return out;
}

} // namespace

EnterpriseExit deriveExit(const std::vector<Equipment> &planned,
                          const std::vector<VisitEvidence> &visits, std::string_view today)
{
    EnterpriseExit out;
    std::vector<const VisitEvidence *> finals, accepted, live; // live: final, not returned
    std::set<std::string> amended;
    for (const VisitEvidence &v : visits) {
        if (!isFinal(v))
            continue;
        finals.push_back(&v);
        if (isUnreviewed(v))
            out.pending_review.push_back(v.bundle->inspection.id);
        if (isAccepted(v)) {
            accepted.push_back(&v);
            if (v.bundle->inspection.amends_id)
                amended.insert(*v.bundle->inspection.amends_id);
        }
        if (isAccepted(v) || isUnreviewed(v))
            live.push_back(&v);
    }
    const auto isAmended = [&](const VisitEvidence *v) {
        return amended.contains(v->bundle->inspection.id);
    };
    std::vector<const VisitEvidence *> effective;
    std::copy_if(accepted.begin(), accepted.end(), std::back_inserter(effective),
                 [&](const VisitEvidence *v) { return !isAmended(v); });
    std::erase_if(live, isAmended);
    const VisitOrder order(finals);
    order.sort(effective);
    order.sort(live);

    bool allAccepted = !planned.empty(), allDismantled = !planned.empty(), anyCounts = false;
    for (const Equipment &item : planned) {
        const ItemExit st = deriveItem(item, effective, today);
        allAccepted = allAccepted && st.status == ItemStatus::Accepted;
        allDismantled = allDismantled &&
                        (st.status == ItemStatus::Accepted || st.status == ItemStatus::Dismantled);
        anyCounts = anyCounts || counts(st.status);
        out.items[item.id] = st;
    }
    if (allAccepted) {
        out.status = EnterpriseStatus::Accepted;
        for (const VisitEvidence *v : effective) {
            if (coversAsAcceptance(*v->bundle))
                out.accepted_by = v->bundle->inspection.id;
        }
    } else if (allDismantled) {
        out.status = EnterpriseStatus::Dismantled;
    } else if (anyCounts) {
        out.status = EnterpriseStatus::InProgress;
    }
    out.alerts = resumedAlerts(planned, live);
    return out;
}

std::string_view statusName(EnterpriseStatus status)
{
    switch (status) {
    case EnterpriseStatus::Pending:
        return "pending";
    case EnterpriseStatus::InProgress:
        return "in_progress";
    case EnterpriseStatus::Dismantled:
        return "done";
    case EnterpriseStatus::Accepted:
        return "accepted";
    }
    return "pending";
}

std::string_view statusName(ItemStatus status)
{
    switch (status) {
    case ItemStatus::Planned:
        return "planned";
    case ItemStatus::SealedPending:
        return "sealed_pending";
    case ItemStatus::Dismantled:
        return "dismantled";
    case ItemStatus::Accepted:
        return "accepted";
    case ItemStatus::Resumed:
        return "resumed";
    }
    return "planned";
}

bool counts(ItemStatus status)
{
    return status == ItemStatus::SealedPending || status == ItemStatus::Dismantled ||
           status == ItemStatus::Accepted;
}

} // namespace fp
