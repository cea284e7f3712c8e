#include "rejectionlog.h"

#include "core/json.h"
#include "syncsettings.h"

namespace fp {

namespace {
std::string keyOf(const std::string &type, const std::string &id)
{
    return type + "/" + id;
}
} // namespace

RejectionLog RejectionLog::load(DeviceStore &store)
{
    RejectionLog log;
    const std::string text = store.syncValue(synckey::kRejections).value_or("");
    if (text.empty())
        return log;
    try {
        for (const Json &j : parseJson(text)) {
            RejectedItem item{j.at("type").get<std::string>(), j.at("id").get<std::string>(),
                              j.at("version").get<std::int64_t>(), j.at("code").get<std::string>(),
                              j.at("reason").get<std::string>()};
            log.m_items[keyOf(item.type, item.id)] = item;
        }
    } catch (const std::exception &) {
        // Only ever written by save(); if it is unreadable, forgetting it just means the
        // rejected revisions are sent once more and rejected again.
        log.m_items.clear();
    }
    return log;
}

void RejectionLog::save(DeviceStore &store) const
{
    Json all = Json::array();
    for (const auto &[key, item] : m_items) {
        all.push_back(Json{{"type", item.type},
                           {"id", item.id},
                           {"version", item.version},
                           {"code", item.code},
                           {"reason", item.reason}});
    }
    store.setSyncValue(synckey::kRejections, m_items.empty() ? std::string() : all.dump());
}

bool RejectionLog::parked(const std::string &type, const std::string &id,
                          std::int64_t version) const
{
    const auto it = m_items.find(keyOf(type, id));
    return it != m_items.end() && it->second.version == version &&
           !retriedNextTime(it->second.code);
}

void RejectionLog::record(const RejectedItem &item)
{
    m_items[keyOf(item.type, item.id)] = item;
}

void RejectionLog::clear(const std::string &type, const std::string &id)
{
    m_items.erase(keyOf(type, id));
}

std::vector<RejectedItem> RejectionLog::list() const
{
    std::vector<RejectedItem> out;
    for (const auto &[key, item] : m_items)
        out.push_back(item);
    return out;
}

} // namespace fp
