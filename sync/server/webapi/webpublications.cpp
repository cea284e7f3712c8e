// WebApi: dated publications (issue 14 item 4; docs/web.md): publishing a list as the next
// numbered batch, the batches of each list with what each changed, and a batch downloaded as
// CSV or XLSX, byte for byte as at its first download (the frozen rows, a deterministic writer
// and the publication time as the workbook's creation time).

#include "core/ids.h"
#include "server/domain/apierror.h"
#include "server/exchange/listexport.h"
#include "server/exchange/publication.h"
#include "server/http/httpreply.h"
#include "server/http/webhttp.h"
#include "server/webapi/webapi.h"
#include "server/webapi/webjson.h"
#include "server/webapi/webroutes.h"
#include "server/webapi/webtables.h"

#include <httplib.h>

namespace fp {

namespace {

using httplib::Request;
using httplib::Response;

Json batchJson(const Publication &p)
{
    return Json{{"id", p.id},
                {"list", p.list},
                {"batch", p.batch},
                {"title", p.title},
                {"published_on", p.published_on},
                {"published_at", p.published_at},
                {"published_by", p.published_by},
                {"rows", p.row_count}};
}

Json enterprisesJson(const std::vector<ListedEnterprise> &list)
{
    Json out = Json::array();
    for (const auto &e : list)
        out.push_back(Json{{"credit_code", e.credit_code}, {"name", e.name}});
    return out;
}

} // namespace

void sendTables(Response &res, const std::vector<Table> &tables, const std::string &format,
                const std::string &asciiName, const std::string &name,
                const std::filesystem::path &tempFile, std::int64_t created)
{
    std::string bytes;
    std::string type;
    if (format == "csv") {
        bytes = tables.size() == 1 ? tableToCsv(tables.front()) : tablesToCsv(tables);
        type = "text/csv; charset=utf-8";
    } else {
        bytes = xlsxBytes(tables, tempFile, created);
        type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    }
    replyAttachment(res, bytes, type, asciiName + "." + format, name + "." + format);
}

void WebApi::attachPublications(httplib::Server &server)
{
    read(server, "/api/v1/web/publications",
         [this](const Request &req, Response &res, const Caller &) {
             const std::string day = today(req);
             const auto all = m_stores.publications.publications({});
             Json lists = Json::array();
             for (const auto &name : publishableLists()) {
                 const Table live = buildList(m_stores.reports, *publishedListFromName(name), day);
                 Json batches = Json::array();
                 const Publication *latest = nullptr;
                 for (const auto &p : all) {
                     if (p.list != name)
                         continue;
                     batches.push_back(batchJson(p));
                     latest = &p;
                 }
                 std::string state = "unpublished";
                 if (latest) {
                     const auto stored = m_stores.publications.findPublication(latest->id);
                     state = sameContent(tableFromJsonText(stored->content), live) ? "published"
                                                                                   : "changed";
                 }
                 lists.push_back(
                     Json{{"name", name},
                          {"title", live.title},
                          {"live_rows", live.rows.size()},
                          {"state", state},
                          {"latest_batch", latest ? Json(latest->batch) : Json()},
                          {"next_title", batchTitle(latest ? latest->batch + 1 : 1, live.title)},
                          {"batches", batches}});
             }
             replyJson(res, 200, Json{{"lists", lists}, {"today", day}});
         });

    read(server, "/api/v1/web/publications/([0-9]{1,18})(?:\\.(csv|xlsx|json))?",
         [this](const Request &req, Response &res, const Caller &) {
             const auto p = m_stores.publications.findPublication(std::stoll(match(req, 1)));
             if (!p)
                 throw ApiError(404, "not_found",
                                "there is no published batch with id " + match(req, 1));
             const Table table = tableFromJsonText(p->content);
             const std::string format = match(req, 2);
             if (format == "csv" || format == "xlsx") {
                 sendTables(res, {table}, format, p->list + "-" + std::to_string(p->batch),
                            p->title + "-" + p->published_on,
                            m_options.tmp / ("publication-" + newId(m_clock) + ".xlsx"),
                            timestampSeconds(p->published_at).value_or(kXlsxFixedCreated));
                 return;
             }
             // What changed since the previous batch of the same list.
             std::optional<Publication> previous;
             for (const auto &b : m_stores.publications.publications(p->list)) {
                 if (b.batch == p->batch - 1)
                     previous = m_stores.publications.findPublication(b.id);
             }
             const ListChanges changes =
                 listChanges(previous ? tableFromJsonText(previous->content) : Table{}, table);
             // Each entry offers its enterprise's evidence bundle (webbundle.cpp).
             Json entries = Json::array();
             for (const auto &e : listedEnterprises(table)) {
                 const auto found = m_stores.plan.findEnterpriseByCode(e.credit_code);
                 entries.push_back(Json{
                     {"credit_code", e.credit_code},
                     {"name", e.name},
                     {"enterprise_id", found ? Json(found->id) : Json()},
                     {"bundle",
                      found ? Json("/api/v1/web/enterprises/" + found->id + "/bundle") : Json()}});
             }
             Json j = batchJson(*p);
             j["table"] = tableJson(table);
             j["entries"] = entries;
             j["previous_batch"] = previous ? Json(previous->batch) : Json();
             j["added"] = enterprisesJson(changes.added);
             j["removed"] = enterprisesJson(changes.removed);
             replyJson(res, 200, j);
         });

    write(server, "POST", "/api/v1/web/publications", kFormLimit,
          [this](const Request &req, Response &res, const Caller &caller, const std::string &body) {
              const Json j = jsonObjectBody(body);
              const std::string list = stringField(j, "list");
              if (!isPublishable(list))
                  throw ApiError(400, "bad_request",
                                 "request.list: '" + list.substr(0, 40) +
                                     "' is not a list published in batches; choose yellow, red "
                                     "or completed");
              const std::string now = formatTimestamp(m_clock.now());
              const std::string day = today(req);
              const std::string on =
                  j.contains("published_on") ? notFutureDateField(j, "published_on", day) : day;
              const Table table = buildList(m_stores.reports, *publishedListFromName(list), day);
              const auto batches = m_stores.publications.publications(list);
              Publication p;
              p.list = list;
              p.batch = std::int64_t(batches.size()) + 1;
              p.title = batchTitle(p.batch, table.title);
              p.published_on = on;
              p.published_at = now;
              p.published_by = caller.session.username;
              p.row_count = std::int64_t(table.rows.size());
              p.content = tableToJsonText(table);
              try {
                  p = m_stores.publications.publish(p);
              } catch (const StoreRuleError &e) {
                  throw ApiError(409, "conflict", e.what());
              }
              replyJson(res, 201, batchJson(p));
          });
}

} // namespace fp
