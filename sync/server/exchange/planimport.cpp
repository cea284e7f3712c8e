#include "server/exchange/planimport.h"

#include "core/ids.h"
#include "core/planrules.h"

#include <cstdio>
#include <map>

namespace fp {

std::string equipmentNaturalKey(const PlanRow &row, int ordinal)
{
    char capacity[64];
    std::snprintf(capacity, sizeof capacity, "%.6g", row.capacity.value);
    return row.credit_code + "|" + row.equipment_kind + "|" + row.spec + "|" + capacity + " " +
           row.capacity.unit + "|" + std::to_string(ordinal);
}

std::vector<PlanEntry> planEntries(const std::vector<PlanRow> &rows, const Clock &clock)
{
    std::vector<PlanEntry> out;
    out.reserve(rows.size());
    std::map<std::string, Enterprise> firstSeen; // credit code -> details of its first row
    std::map<std::string, std::string> regionOf; // credit code -> region of its first row
    std::map<std::string, int> ordinals;         // natural key without ordinal -> count
    for (const auto &row : rows) {
        PlanEntry e;
        e.line = row.line;
        auto [it, isNew] = firstSeen.try_emplace(row.credit_code);
        if (isNew) {
            Enterprise &ent = it->second;
            ent.id = newId(clock);
            ent.credit_code = row.credit_code;
            ent.name = row.enterprise_name;
            ent.industry = row.industry;
            ent.address = row.address;
            ent.legal_representative = row.legal_representative;
            ent.contact_phone = row.contact_phone;
            regionOf[row.credit_code] = row.region_name;
        }
        e.enterprise = it->second;
        e.region = Region{newId(clock), regionOf[row.credit_code],
                          regionKindFromName(regionOf[row.credit_code])};
        if (row.enterprise_only) { // an enterprise without planned equipment
            e.has_equipment = false;
            out.push_back(std::move(e));
            continue;
        }

        const int ordinal = ++ordinals[equipmentNaturalKey(row, 0)];
        e.natural_key = equipmentNaturalKey(row, ordinal);
        Equipment &q = e.equipment;
        q.id = newId(clock);
        q.kind = row.equipment_kind;
        q.spec = row.spec;
        q.count = row.count;
        q.capacity = row.capacity;
        q.action = row.action;
        if (!row.deadline.empty()) {
            q.dismantle_deadline = row.deadline;
            q.plan_year = std::stoi(row.deadline.substr(0, 4));
        }
        out.push_back(std::move(e));
    }
    return out;
}

PlanImportReport importPlanSheet(PlanStore &store, std::string_view bytes, bool skipBadRows,
                                 const Clock &clock)
{
    const PlanSheet sheet = parsePlanSheet(bytes);
    PlanImportReport report;
    report.errors = sheet.errors;
    report.rows_read = sheet.rows.size();
    for (const auto &row : sheet.rows) {
        if (isDismantleOnlyKind(row.equipment_kind) &&
            row.action == RequiredAction::SealThenDismantle)
            report.warnings.push_back(
                {row.line, row.equipment_kind +
                               " may only be dismantled (the plan's 地条钢 rule: 依法全面拆除 by "
                               "June 30); the row says 封存后拆除, and a sealed finding will not "
                               "count for it"});
    }
    if (!sheet.errors.empty() && !skipBadRows)
        return report;
    report.counts = store.importPlan(planEntries(sheet.rows, clock));
    report.imported = true;
    return report;
}

std::string describe(const PlanRowError &error)
{
    // The parser's reasons may already start with their line; don't say it twice.
    if (error.reason.starts_with("line "))
        return error.reason;
    return "line " + std::to_string(error.line) + ": " + error.reason;
}

} // namespace fp
