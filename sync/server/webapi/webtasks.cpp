// WebApi: the inspection tasks, done and overdue (GET, POST /api/v1/web/tasks,
// DELETE /api/v1/web/tasks/<id>), through the same store calls as `fieldproof-server task`.

#include "core/ids.h"
#include "server/domain/progress.h"
#include "server/http/httpreply.h"
#include "server/http/webhttp.h"
#include "server/webapi/webapi.h"
#include "server/webapi/webroutes.h"

#include <httplib.h>

#include <optional>

namespace fp {

using httplib::Request;
using httplib::Response;

void WebApi::attachTasks(httplib::Server &server)
{
    read(server, "/api/v1/web/tasks", [this](const Request &req, Response &res, const Caller &) {
        const auto inspections = m_stores.reports.officeInspections({});
        const std::string day = today(req);
        Json out = Json::array();
        for (const auto &t : m_stores.plan.listTasks()) {
            Json j = Json(t);
            const bool done = taskDone(t, inspections);
            j["done"] = done;
            j["overdue"] = !done && t.due < day;
            out.push_back(std::move(j));
        }
        replyJson(res, 200, Json{{"tasks", out}});
    });

    write(server, "POST", "/api/v1/web/tasks", kFormLimit,
          [this](const Request &, Response &res, const Caller &caller, const std::string &body) {
              const Json j = jsonObjectBody(body);
              Task task;
              task.enterprise_id = stringField(j, "enterprise_id");
              task.kind = enumField<VisitKind>(j, "kind");
              task.due = notPastDateField(j, "due", formatDate(m_clock.now()));
              task.inspectors = stringListField(j, "inspectors");
              requireEnterpriseField(m_stores.plan, task.enterprise_id);
              task.id = newId(m_clock);
              m_stores.plan.addTask(task);
              record(caller.session.username, "task.added", task.id,
                     std::string(enumName(task.kind)) + " due " + task.due,
                     Json{{"after", Json(task)}}, task.enterprise_id);
              replyJson(res, 201, Json(task));
          });
    write(server, "DELETE", "/api/v1/web/tasks/([^/]+)", kFormLimit,
          [this](const Request &req, Response &res, const Caller &caller, const std::string &) {
              const std::string id = match(req, 1);
              std::optional<Task> before;
              for (auto &t : m_stores.plan.listTasks()) {
                  if (t.id == id)
                      before = std::move(t);
              }
              m_stores.plan.removeTask(id);
              record(caller.session.username, "task.removed", id,
                     before ? std::string(enumName(before->kind)) + " due " + before->due
                            : std::string(),
                     Json{{"before", before ? Json(*before) : Json()}},
                     before ? before->enterprise_id : std::string());
              replyJson(res, 200, Json{{"removed", id}});
          });
}

} // namespace fp
