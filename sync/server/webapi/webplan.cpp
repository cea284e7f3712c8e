// WebApi: importing the plan sheet by upload (POST /api/v1/web/plan), through the same store
// calls and rules as `fieldproof-server import-plan`.

#include "server/domain/apierror.h"
#include "server/exchange/planimport.h"
#include "server/http/httpreply.h"
#include "server/planio/plansheet.h"
#include "server/webapi/webapi.h"

#include <httplib.h>

namespace fp {

namespace {

using httplib::Request;
using httplib::Response;

constexpr std::size_t kPlanLimit = 16 * 1024 * 1024;

} // namespace

void WebApi::attachPlan(httplib::Server &server)
{
    // The blank sheet to fill in, offered on the page instead of naming a file in the sources.
    read(server, "/api/v1/web/plan/template.csv",
         [](const Request &, Response &res, const Caller &) {
             res.set_header("Content-Disposition", "attachment; filename=\"plan-template.csv\"");
             res.status = 200;
             res.set_content(planSheetTemplate(), "text/csv; charset=utf-8");
         });
    // The plan sheet's bytes as the body (CSV in UTF-8, UTF-8 with BOM or GBK).
    write(server, "POST", "/api/v1/web/plan", kPlanLimit,
          [this](const Request &req, Response &res, const Caller &caller, const std::string &body) {
              if (body.empty())
                  throw ApiError(400, "bad_request", "$: the plan sheet is empty");
              const bool skip = req.get_param_value("skip_bad_rows") == "1";
              const auto report = importPlanSheet(m_stores.plan, body, skip, m_clock);
              Json errors = Json::array();
              for (const auto &e : report.errors)
                  errors.push_back(
                      Json{{"line", e.line}, {"reason", e.reason}, {"text", describe(e)}});
              Json warnings = Json::array();
              for (const auto &w : report.warnings)
                  warnings.push_back(
                      Json{{"line", w.line}, {"reason", w.reason}, {"text", describe(w)}});
              const auto &c = report.counts;
              Json j{{"imported", report.imported},
                     {"rows_read", report.rows_read},
                     {"errors", errors},
                     {"warnings", warnings},
                     {"counts",
                      {{"regions_added", c.regions_added},
                       {"enterprises_added", c.enterprises_added},
                       {"enterprises_updated", c.enterprises_updated},
                       {"equipment_added", c.equipment_added},
                       {"equipment_updated", c.equipment_updated},
                       {"unchanged", c.unchanged}}}};
              if (!report.imported) {
                  j["error"] = "bad_rows";
                  j["message"] = std::to_string(report.errors.size()) +
                                 " bad row(s); nothing was imported (fix them, or import the "
                                 "good rows only)";
                  replyJson(res, 422, j);
                  return;
              }
              record(caller.session.username, "plan.imported", {},
                     std::to_string(report.rows_read) + " rows", j["counts"]);
              m_log("web plan import by " + caller.session.username + ": " +
                    std::to_string(report.rows_read) + " rows");
              replyJson(res, 200, j);
          });
}

} // namespace fp
