#pragma once
// The year-end report (issue 14 item 5; seed §四(七): 工作总结、已退出企业名单、设备清单、产能
// 情况): the enterprises that exited in a year with their equipment and capacity, by region,
// industry, standard and responsible department; capacity per unit; cards opened, rectified
// and closed; tip-offs and on-site finds; overdue tasks and slow regions. One table per sheet
// of its workbook; the page prints the same tables.

#include "server/planio/tablewriter.h"
#include "server/storage/findstore.h"
#include "server/storage/journalstore.h"
#include "server/storage/planstore.h"
#include "server/storage/reportstore.h"
#include "server/storage/tipoffstore.h"

#include <string>
#include <string_view>
#include <vector>

namespace fp {

/// The office setting that holds the slow-region threshold, in percent of planned units.
inline constexpr const char *kSlowRegionSetting = "slow_region_percent";
/// The threshold until the office sets one.
inline constexpr double kDefaultSlowRegionPercent = 50;

/// The name of the department responsible for a card standard, by the one rule of
/// domain/department.h (issue 14 item 7).
std::string responsibleDepartmentName(CardStandard standard);

struct YearReport
{
    int year = 0;
    std::string today{};
    double slow_percent = kDefaultSlowRegionPercent;
    std::vector<Table> tables{}; // in the workbook's order; titles are the sheet names
    // The headline figures of the summary sheet, for the page.
    int exited_enterprises = 0;
    double exited_units = 0;
    int cards_opened = 0, cards_rectified = 0, cards_closed = 0;
    int overdue_tasks = 0, slow_regions = 0;
    int tipoffs = 0, onsite_finds = 0; // received in the year; confirmed in the year
};

/// The report of `year` as of `today`, regions below `slowPercent` of their planned units
/// dismantled counting as slow.
YearReport yearReport(ReportStore &reports, PlanStore &plan, JournalStore &journal,
                      const std::vector<Tipoff> &tipoffs,
                      const std::vector<SiteFindDecision> &finds, int year, std::string_view today,
                      double slowPercent);

/// Progress by region and by industry (the progress page's tables), as of `today`.
std::vector<Table> progressTables(ReportStore &reports, PlanStore &plan, std::string_view today);

} // namespace fp
