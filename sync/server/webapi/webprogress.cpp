// WebApi: the progress of the campaign (GET /api/v1/web/progress).

#include "server/domain/progress.h"
#include "server/http/httpreply.h"
#include "server/webapi/webapi.h"

#include <httplib.h>

namespace fp {

using httplib::Request;
using httplib::Response;

void WebApi::attachProgress(httplib::Server &server)
{
    read(server, "/api/v1/web/progress", [this](const Request &req, Response &res, const Caller &) {
        const auto inspections = m_stores.reports.officeInspections({});
        const auto plan = m_stores.reports.planList();
        const auto tasks = m_stores.plan.listTasks();
        replyJson(res, 200, progressReport(plan, tasks, inspections, today(req)));
    });
}

} // namespace fp
