// WebApi: the published lists, in JSON, CSV and XLSX (GET /api/v1/web/lists[/<name>.<format>]).

#include "core/ids.h"
#include "server/domain/apierror.h"
#include "server/exchange/listexport.h"
#include "server/http/httpreply.h"
#include "server/webapi/webapi.h"
#include "server/webapi/webjson.h"
#include "server/webapi/webroutes.h"

#include <httplib.h>

#include <array>
#include <fstream>
#include <iterator>

namespace fp {

namespace {

using httplib::Request;
using httplib::Response;

constexpr std::array kListNames = {
    "plan", "yellow", "red", "excess-emission", "severe-excess-emission", "completed", "sealed"};

} // namespace

void WebApi::attachLists(httplib::Server &server)
{
    read(server, "/api/v1/web/lists", [](const Request &, Response &res, const Caller &) {
        replyJson(res, 200, Json{{"lists", kListNames}});
    });
    read(server, "/api/v1/web/lists/([a-z-]+)(?:\\.(csv|xlsx|json))?",
         [this](const Request &req, Response &res, const Caller &) {
             sendList(res, match(req, 1), match(req, 2), today(req));
         });
}

void WebApi::sendList(Response &res, const std::string &name, const std::string &format,
                      const std::string &today)
{
    const auto list = publishedListFromName(name);
    if (!list)
        throw ApiError(404, "not_found",
                       "there is no list '" + name + "'; choose one of " + publishedListNames());
    const Table table = buildList(m_stores.reports, *list, today);
    if (format.empty() || format == "json") {
        Json j = tableJson(table);
        j["name"] = name;
        replyJson(res, 200, j);
        return;
    }
    std::string bytes;
    std::string type;
    if (format == "csv") {
        bytes = tableToCsv(table);
        type = "text/csv; charset=utf-8";
    } else {
        // libxlsxwriter writes files only: a private temp file, read back and removed.
        const auto file = m_options.tmp / ("web-export-" + newId(m_clock) + ".xlsx");
        try {
            writeXlsx(table, file);
            std::ifstream in(file, std::ios::binary);
            bytes.assign(std::istreambuf_iterator<char>(in), {});
        } catch (...) {
            std::filesystem::remove(file);
            throw;
        }
        std::filesystem::remove(file);
        type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    }
    const std::string filename = table.title + "-" + today + "." + format;
    replyAttachment(res, bytes, type, name + "." + format, filename);
}

} // namespace fp
