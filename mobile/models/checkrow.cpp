#include "models/checkrow.h"

#include "text/labels.h"
#include "text/problemtext.h"
#include "text/qtstrings.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>

namespace fp {

namespace {

QString capacityText(const Capacity &c)
{
    if (c.value <= 0)
        return {};
    return QCoreApplication::translate("CheckRow", "Capacity %1 %2")
        .arg(QLocale().toString(c.value, 'g', 6), qs(c.unit));
}

} // namespace

QString equipmentTitle(const Equipment &e)
{
    QString title = qs(e.kind);
    if (!e.spec.empty())
        title += QLatin1Char(' ') + qs(e.spec);
    if (e.count > 1)
        title += QStringLiteral(" ×%1").arg(e.count);
    return title;
}

QString unlistedTitle(const UnlistedItem &u)
{
    QString title = qs(u.kind);
    if (!u.spec.empty())
        title += QLatin1Char(' ') + qs(u.spec);
    return title;
}

QString CheckRow::key() const
{
    if (equipment)
        return qs(equipment->id);
    return check ? qs(check->id) : QString();
}

QString CheckRow::title() const
{
    if (equipment)
        return equipmentTitle(*equipment);
    if (check && check->unlisted)
        return unlistedTitle(*check->unlisted);
    return QCoreApplication::translate("CheckRow", "Planned item no longer on this tablet");
}

QString CheckRow::numberedTitle(std::size_t index) const
{
    return QStringLiteral("%1. %2").arg(index + 1).arg(title());
}

QString CheckRow::detail() const
{
    QStringList parts;
    if (equipment) {
        parts << capacityText(equipment->capacity);
        if (!equipment->location_in_plant.empty())
            parts << qs(equipment->location_in_plant);
        QString action = QCoreApplication::translate("CheckRow", "Plan: %1")
                             .arg(labels::requiredAction(equipment->action));
        if (equipment->dismantle_deadline)
            action = QCoreApplication::translate("CheckRow", "%1 by %2")
                         .arg(action, qs(*equipment->dismantle_deadline));
        parts << action;
    } else if (check && check->unlisted) {
        parts << QCoreApplication::translate("CheckRow", "Found on site, not in the plan");
        parts << capacityText(check->unlisted->capacity);
    }
    parts.removeAll(QString());
    return parts.join(QStringLiteral(" · "));
}

std::vector<CheckRow> buildCheckRows(const InspectionBundle &bundle,
                                     const std::vector<Equipment> &planned,
                                     const std::vector<Problem> &problems)
{
    std::vector<CheckRow> rows;
    for (const Equipment &e : planned) {
        CheckRow row;
        row.equipment = e;
        const auto it = std::find_if(bundle.checks.begin(), bundle.checks.end(),
                                     [&](const auto &c) { return c.equipment_id == e.id; });
        if (it != bundle.checks.end())
            row.check = *it;
        rows.push_back(std::move(row));
    }
    for (const EquipmentCheck &c : bundle.checks) {
        const bool plannedHere =
            c.equipment_id && std::any_of(planned.begin(), planned.end(),
                                          [&](const auto &e) { return e.id == *c.equipment_id; });
        if (!plannedHere) // found on site, or planned once but no longer pulled
            rows.push_back(CheckRow{std::nullopt, c, {}, 0});
    }
    for (CheckRow &row : rows) {
        if (!row.check) { // a planned item nobody checked yet (acceptance_unchecked_item)
            for (const Problem &p : problems) {
                if (row.equipment && p.subject_id == row.equipment->id)
                    row.missing << problemSentence(p);
            }
            continue;
        }
        for (const Problem &p : problems) {
            if (p.subject_id == row.check->id)
                row.missing << problemSentence(p);
        }
        row.photoCount = static_cast<int>(
            std::count_if(bundle.photos.begin(), bundle.photos.end(),
                          [&](const Photo &p) { return p.check_id == row.check->id; }));
    }
    return rows;
}

QString problemSubject(const Problem &problem, const std::vector<CheckRow> &rows)
{
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const CheckRow &row = rows[i];
        if ((row.check && row.check->id == problem.subject_id) ||
            (!row.check && row.equipment && row.equipment->id == problem.subject_id))
            return row.numberedTitle(i);
    }
    return {};
}

} // namespace fp
