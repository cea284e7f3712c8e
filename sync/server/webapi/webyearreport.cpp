// WebApi: the year-end report and supervision (issue 14 item 5; docs/web.md): the report of a
// year as JSON for the page and its printable view, as one XLSX workbook or one CSV; progress as
// CSV or XLSX; and the office's slow-region threshold (an office setting, journalled).

#include "core/clock.h"
#include "core/ids.h"
#include "server/domain/apierror.h"
#include "server/exchange/publication.h"
#include "server/exchange/yearreport.h"
#include "server/http/httpreply.h"
#include "server/http/webhttp.h"
#include "server/webapi/webapi.h"
#include "server/webapi/webjson.h"
#include "server/webapi/webroutes.h"
#include "server/webapi/webtables.h"

#include <httplib.h>

#include <cmath>

namespace fp {

namespace {

using httplib::Request;
using httplib::Response;

constexpr int kFirstYear = 2000;
constexpr int kLastYear = 2100;
constexpr double kMaxPercent = 100;

Json settingsJson(const std::optional<OfficeSetting> &s, double percent)
{
    return Json{{"slow_region_percent", percent},
                {"changed_at", s ? s->changed_at : ""},
                {"changed_by", s ? s->changed_by : ""}};
}

} // namespace

double WebApi::slowRegionPercent()
{
    const auto s = m_stores.publications.officeSetting(kSlowRegionSetting);
    if (!s)
        return kDefaultSlowRegionPercent;
    try {
        return std::stod(s->value);
    } catch (const std::exception &) {
        return kDefaultSlowRegionPercent;
    }
}

void WebApi::attachYearReport(httplib::Server &server)
{
    read(server, "/api/v1/web/settings", [this](const Request &, Response &res, const Caller &) {
        replyJson(res, 200,
                  settingsJson(m_stores.publications.officeSetting(kSlowRegionSetting),
                               slowRegionPercent()));
    });
    write(server, "POST", "/api/v1/web/settings", kFormLimit,
          [this](const Request &, Response &res, const Caller &caller, const std::string &body) {
              const Json j = jsonObjectBody(body);
              const auto it = j.find("slow_region_percent");
              if (it == j.end() || !it->is_number() || !std::isfinite(it->get<double>()) ||
                  it->get<double>() < 0 || it->get<double>() > kMaxPercent)
                  throw ApiError(400, "bad_request",
                                 "request.slow_region_percent: must be a number from 0 to 100 "
                                 "(the percent of planned units dismantled below which a region "
                                 "is slow)");
              m_stores.publications.setOfficeSetting(
                  OfficeSetting{kSlowRegionSetting, formatNumber(it->get<double>()),
                                formatTimestamp(m_clock.now()), caller.session.username});
              replyJson(res, 200,
                        settingsJson(m_stores.publications.officeSetting(kSlowRegionSetting),
                                     slowRegionPercent()));
          });

    read(server, "/api/v1/web/progress\\.(csv|xlsx)",
         [this](const Request &req, Response &res, const Caller &) {
             const std::string day = today(req);
             sendTables(res, progressTables(m_stores.reports, m_stores.plan, day), match(req, 1),
                        "progress-" + day, "工作进度-" + day,
                        m_options.tmp / ("progress-" + newId(m_clock) + ".xlsx"));
         });

    read(server, "/api/v1/web/year-report(?:\\.(csv|xlsx|json))?",
         [this](const Request &req, Response &res, const Caller &) {
             const std::string day = today(req);
             const int year =
                 int(intParam(req, "year", kFirstYear, kLastYear, std::stoi(day.substr(0, 4))));
             const YearReport r = yearReport(
                 m_stores.reports, m_stores.plan, m_stores.journal, m_stores.tipoffs.listTipoffs(),
                 m_stores.finds.findDecisions(), year, day, slowRegionPercent());
             const std::string format = match(req, 1);
             if (format == "csv" || format == "xlsx") {
                 sendTables(res, r.tables, format, "year-report-" + std::to_string(year),
                            std::to_string(year) + "年度淘汰落后产能工作报告",
                            m_options.tmp / ("year-report-" + newId(m_clock) + ".xlsx"));
                 return;
             }
             Json tables = Json::array();
             for (const auto &t : r.tables)
                 tables.push_back(tableJson(t));
             replyJson(res, 200,
                       Json{{"year", r.year},
                            {"today", r.today},
                            {"slow_region_percent", r.slow_percent},
                            {"exited_enterprises", r.exited_enterprises},
                            {"exited_units", r.exited_units},
                            {"cards_opened", r.cards_opened},
                            {"cards_rectified", r.cards_rectified},
                            {"cards_closed", r.cards_closed},
                            {"overdue_tasks", r.overdue_tasks},
                            {"slow_regions", r.slow_regions},
                            {"tipoffs", r.tipoffs},
                            {"onsite_finds", r.onsite_finds},
                            {"tables", tables}});
         });
}

} // namespace fp
