// WebApi: the read endpoints (progress, enterprises and their dossiers, inspections, the
// published lists in JSON, CSV and XLSX, evidence photos and their thumbnails, tasks and
// cards). Accounts, devices and the push audit are in webaccounts.cpp.

#include "server/domain/apierror.h"
#include "core/ids.h"
#include "server/http/httpreply.h"
#include "server/exchange/listexport.h"
#include "protocol/blobpath.h"
#include "server/thumbnails/thumbnail.h"
#include "server/webapi/webapi.h"
#include "server/http/webhttp.h"
#include "server/webapi/webjson.h"

#include <httplib.h>

#include <fstream>
#include <iterator>

namespace fp {

namespace {

using httplib::Request;
using httplib::Response;

// A blob never changes (its name is its SHA-256), so neither does its thumbnail.
constexpr const char *kImmutable = "private, max-age=31536000, immutable";

constexpr std::array kListNames = {
    "plan", "yellow", "red", "excess-emission", "severe-excess-emission", "completed", "sealed"};

std::string match(const Request &req, std::size_t i)
{
    return req.matches.size() > i ? req.matches[i].str() : std::string();
}

/// RFC 5987 percent-encoding for a Content-Disposition filename*.
std::string percentEncode(const std::string &text)
{
    static const char *hex = "0123456789ABCDEF";
    std::string out;
    for (const unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_') {
            out += char(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

/// 400 for an id that is not a SHA-256, 404 for a blob the office does not hold whole.
void requireBlob(const BlobStore &blobs, const std::string &id)
{
    if (!isValidBlobId(id))
        throw ApiError(400, "bad_blob_id",
                       "a blob id must be the blob's SHA-256 as 64 lowercase hex digits");
    if (!blobs.hasWhole(id))
        throw ApiError(404, "not_found", "the office does not hold blob " + id);
}

/// One of the decoding slots, held until the end of the scope.
class DecoderSlot
{
  public:
    explicit DecoderSlot(std::counting_semaphore<> &slots) : m_slots(slots) { m_slots.acquire(); }
    ~DecoderSlot() { m_slots.release(); }
    DecoderSlot(const DecoderSlot &) = delete;
    DecoderSlot &operator=(const DecoderSlot &) = delete;

  private:
    std::counting_semaphore<> &m_slots;
};

void replyJpeg(Response &res, std::string bytes)
{
    res.set_header("Cache-Control", kImmutable);
    res.status = 200;
    res.set_content(std::move(bytes), "image/jpeg");
}

std::map<std::string, std::string> regionNames(PlanStore &store)
{
    std::map<std::string, std::string> out;
    for (const auto &r : store.listRegions())
        out[r.id] = r.name;
    return out;
}

} // namespace

void WebApi::attachReads(httplib::Server &server)
{
    read(server, "/api/v1/web/progress", [this](const Request &req, Response &res, const Caller &) {
        const auto inspections = m_stores.reports.officeInspections({});
        const auto plan = m_stores.reports.planList();
        const auto tasks = m_stores.plan.listTasks();
        replyJson(res, 200, progressReport(plan, tasks, inspections, today(req)));
    });

    read(server, "/api/v1/web/enterprises", [this](const Request &, Response &res, const Caller &) {
        auto regions = regionNames(m_stores.plan);
        const auto inspections = m_stores.reports.officeInspections({});
        const auto plan = m_stores.reports.planList();
        const auto exits = enterpriseExits(plan, inspections, formatDate(m_clock.now()));
        std::map<std::string, std::vector<Equipment>> items;
        for (const auto &row : plan)
            items[row.enterprise.id].push_back(row.equipment);
        std::map<std::string, std::vector<OfficeInspection>> visits;
        for (const auto &o : inspections)
            visits[o.bundle.inspection.enterprise_id].push_back(o);
        Json out = Json::array();
        for (const auto &e : m_stores.plan.listEnterprises()) {
            const auto &mine = items[e.id];
            double capacity = 0;
            for (const auto &q : mine)
                capacity += q.capacity.value;
            const auto position = enterprisePosition(e, visits[e.id]);
            Json j = Json(e);
            j["region_name"] = regions[e.region_id];
            j["items"] = mine.size();
            j["capacity"] = capacity;
            const auto exit = exits.find(e.id);
            j["status"] = exit == exits.end() ? "pending" : statusName(exit->second.status);
            j["pending_review"] = exit == exits.end() ? 0 : exit->second.pending_review.size();
            j["alerts"] = exit == exits.end() ? 0 : exit->second.alerts.size();
            j["inspections"] = visits[e.id].size();
            j["position"] = position ? Json(*position) : Json();
            out.push_back(std::move(j));
        }
        replyJson(res, 200, Json{{"enterprises", out}});
    });

    read(server, "/api/v1/web/enterprises/([^/]+)",
         [this](const Request &req, Response &res, const Caller &) {
             replyJson(res, 200, dossier(match(req, 1)));
         });

    read(server, "/api/v1/web/inspections",
         [this](const Request &req, Response &res, const Caller &) {
             const std::string wanted = req.get_param_value("review");
             if (!wanted.empty() && !enumFromString<ReviewState>(wanted))
                 throw ApiError(400, "bad_request",
                                "review: must be received, accepted or returned, not '" + wanted +
                                    "'");
             std::map<std::string, std::string> names;
             for (const auto &e : m_stores.plan.listEnterprises())
                 names[e.id] = e.name;
             Json out = Json::array();
             for (const auto &o : m_stores.reports.officeInspections({})) {
                 if (!o.review || (!wanted.empty() && enumName(o.review->state) != wanted))
                     continue;
                 out.push_back(inspectionJson(o, names[o.bundle.inspection.enterprise_id]));
             }
             replyJson(res, 200, Json{{"inspections", out}});
         });

    read(server, "/api/v1/web/inspections/([^/]+)",
         [this](const Request &req, Response &res, const Caller &) {
             const auto o = m_stores.reports.findOfficeInspection(match(req, 1));
             if (!o)
                 throw ApiError(404, "not_found",
                                "the office holds no inspection with id '" + match(req, 1) + "'");
             const auto e = m_stores.plan.findEnterprise(o->bundle.inspection.enterprise_id);
             replyJson(res, 200, inspectionJson(*o, e ? e->name : std::string()));
         });

    read(server, "/api/v1/web/lists", [](const Request &, Response &res, const Caller &) {
        replyJson(res, 200, Json{{"lists", kListNames}});
    });
    read(server, "/api/v1/web/lists/([a-z-]+)(?:\\.(csv|xlsx|json))?",
         [this](const Request &req, Response &res, const Caller &) {
             sendList(res, match(req, 1), match(req, 2), today(req));
         });

    read(server, "/api/v1/web/blobs/([^/]+)",
         [this](const Request &req, Response &res, const Caller &) {
             sendBlob(res, match(req, 1));
         });
    read(server, "/api/v1/web/blobs/([^/]+)/thumb",
         [this](const Request &req, Response &res, const Caller &) {
             sendThumbnail(res, match(req, 1));
         });

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

    read(server, "/api/v1/web/cards", [this](const Request &req, Response &res, const Caller &) {
        const std::string day = today(req);
        Json out = Json::array();
        for (const auto level : {CardLevel::Yellow, CardLevel::Red, CardLevel::ExcessEmission,
                                 CardLevel::SevereExcessEmission}) {
            for (const auto &row : m_stores.reports.cardList(level)) {
                Json j = cardJson(row.card, day);
                j["enterprise_name"] = row.enterprise.name;
                j["region_name"] = row.region_name;
                out.push_back(std::move(j));
            }
        }
        replyJson(res, 200, Json{{"cards", out}});
    });
}

Json WebApi::dossier(const std::string &enterpriseId)
{
    const auto e = m_stores.plan.findEnterprise(enterpriseId);
    if (!e)
        throw ApiError(404, "not_found", "there is no enterprise with id '" + enterpriseId + "'");
    const auto visits = m_stores.reports.officeInspections(enterpriseId);
    const std::string day = formatDate(m_clock.now());
    std::vector<PlanListRow> plan;
    for (auto &row : m_stores.reports.planList()) {
        if (row.enterprise.id == enterpriseId)
            plan.push_back(std::move(row));
    }
    const EnterpriseExit exit = enterpriseExits(plan, visits, day)[enterpriseId];
    Json equipment = Json::array();
    std::string regionName;
    for (const auto &row : plan) {
        regionName = row.region_name;
        Json j = Json(row.equipment);
        const ItemExit &item = exit.items.at(row.equipment.id);
        j["status"] = statusName(item.status);
        j["finding"] = item.finding ? enumName(*item.finding) : "";
        j["found_on"] = item.found_on;
        j["inspection_id"] = item.inspection_id;
        j["note"] = item.note;
        j["accepted"] = item.status == ItemStatus::Accepted;
        j["conditionally_accepted"] = item.conditionally_accepted;
        j["overdue"] = item.overdue;
        equipment.push_back(std::move(j));
    }
    if (regionName.empty())
        regionName = regionNames(m_stores.plan)[e->region_id];
    Json cards = Json::array();
    for (const auto level : {CardLevel::Yellow, CardLevel::Red, CardLevel::ExcessEmission,
                             CardLevel::SevereExcessEmission}) {
        for (const auto &row : m_stores.reports.cardList(level)) {
            if (row.card.enterprise_id == enterpriseId)
                cards.push_back(cardJson(row.card, day));
        }
    }
    Json tasks = Json::array();
    for (const auto &t : m_stores.plan.listTasks()) {
        if (t.enterprise_id != enterpriseId)
            continue;
        Json j = Json(t);
        j["done"] = taskDone(t, visits);
        tasks.push_back(std::move(j));
    }
    Json inspections = Json::array();
    for (const auto &o : visits)
        inspections.push_back(inspectionJson(o, e->name));
    Json enterprise = Json(*e);
    enterprise["region_name"] = regionName;
    const auto position = enterprisePosition(*e, visits);
    enterprise["position"] = position ? Json(*position) : Json();
    Json alerts = Json::array();
    for (const ResumedAlert &a : exit.alerts)
        alerts.push_back(Json{{"equipment_id", a.equipment_id},
                              {"inspection_id", a.inspection_id},
                              {"finding", enumName(a.finding)},
                              {"found_on", a.found_on},
                              {"reviewed", a.reviewed}});
    return Json{{"enterprise", enterprise},
                {"status", statusName(exit.status)},
                {"accepted_by", exit.accepted_by},
                {"pending_review", exit.pending_review},
                {"alerts", alerts},
                {"equipment", equipment},
                {"cards", cards},
                {"tasks", tasks},
                {"inspections", inspections}};
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
    res.set_header("Content-Disposition", "attachment; filename=\"" + name + "." + format +
                                              "\"; filename*=UTF-8''" + percentEncode(filename));
    res.status = 200;
    res.set_content(bytes, type);
}

void WebApi::sendBlob(Response &res, const std::string &id)
{
    requireBlob(m_blobs, id);
    std::ifstream in(m_blobs.wholePath(id), std::ios::binary);
    std::string bytes(std::istreambuf_iterator<char>(in), {});
    // Evidence is JPEG (photos) or PNG (signatures); anything else is offered as a download.
    std::string type = "application/octet-stream";
    if (looksLikeJpeg(bytes))
        type = "image/jpeg";
    else if (bytes.starts_with("\x89PNG"))
        type = "image/png";
    res.set_header("Cache-Control", kImmutable);
    res.status = 200;
    res.set_content(std::move(bytes), type);
}

void WebApi::sendThumbnail(Response &res, const std::string &id)
{
    requireBlob(m_blobs, id);
    if (auto cached = m_thumbs.find(id)) {
        replyJpeg(res, std::move(*cached));
        return;
    }
    const auto path = m_blobs.wholePath(id);
    std::string head(3, '\0');
    {
        std::ifstream in(path, std::ios::binary);
        in.read(head.data(), std::streamsize(head.size()));
        head.resize(static_cast<std::size_t>(in.gcount()));
    }
    // A signature (PNG, small) or anything else that is not a JPEG: the blob itself.
    if (!looksLikeJpeg(head)) {
        sendBlob(res, id);
        return;
    }
    std::string jpeg;
    {
        const DecoderSlot slot(m_decoders);
        // Another request may have made it while this one waited.
        if (auto cached = m_thumbs.find(id)) {
            replyJpeg(res, std::move(*cached));
            return;
        }
        try {
            jpeg = makeThumbnail(path);
        } catch (const ThumbnailError &e) {
            if (e.kind() == ThumbnailError::Kind::TooLarge)
                throw ApiError(422, "image_too_large",
                               "blob " + id + " has no thumbnail: " + e.what());
            throw ApiError(422, "bad_image", "blob " + id + " has no thumbnail: " + e.what());
        }
    }
    try {
        m_thumbs.store(id, jpeg);
    } catch (const Error &e) {
        // Served all the same; the next request makes it again.
        m_log(std::string("cannot cache a thumbnail: ") + e.what());
    }
    replyJpeg(res, std::move(jpeg));
}

} // namespace fp
