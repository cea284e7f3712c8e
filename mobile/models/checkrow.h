#pragma once

#include "core/types.h"
#include "core/validation.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace fp {

/// One line of a visit: a planned equipment item (checked or not yet) or an item found on
/// site, with the problems that still block finalising it.
struct CheckRow
{
    std::optional<Equipment> equipment;
    std::optional<EquipmentCheck> check;
    QStringList missing; // sentences, without the item's name
    int photoCount = 0;

    /// The key that identifies the line across reloads.
    QString key() const;
    QString title() const;
    /// "3. 冲天炉 3吨/小时": the title with the line's number on the visit screen (1-based), so
    /// identical planned items can be told apart in the missing-evidence list.
    QString numberedTitle(std::size_t index) const;
    QString detail() const;
    bool operator==(const CheckRow &) const = default;
};

/// "中频炉 5吨 ×2".
QString equipmentTitle(const Equipment &e);
QString unlistedTitle(const UnlistedItem &u);

/// Planned items first (in the plan's order, each with its check if one exists), then the
/// items found on site; each with its own problems from `problems`.
std::vector<CheckRow> buildCheckRows(const InspectionBundle &bundle,
                                     const std::vector<Equipment> &planned,
                                     const std::vector<Problem> &problems);

/// The name of what a problem concerns ("中频炉 5吨"), empty for inspection-level problems.
QString problemSubject(const Problem &problem, const std::vector<CheckRow> &rows);

} // namespace fp
