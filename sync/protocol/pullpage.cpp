#include "protocol/pullpage.h"

#include "core/jsonreader.h"

namespace fp {

void to_json(Json &j, const PullItem &v)
{
    j = Json{{"type", v.type}, {"id", v.id}, {"data", v.data}};
}

void to_json(Json &j, const Tombstone &v)
{
    j = Json{{"type", v.type}, {"id", v.id}};
}

void to_json(Json &j, const BackupReach &v)
{
    j = Json{{"through_seq", v.through_seq}, {"taken_at", v.taken_at}};
}

void to_json(Json &j, const PullPage &v)
{
    j = Json{{"cursor", v.cursor},
             {"more", v.more},
             {"reset", v.reset},
             {"items", v.items},
             {"deleted", v.deleted}};
    if (v.tree_head)
        j["tree_head"] = *v.tree_head;
    if (v.epoch)
        j["epoch"] = *v.epoch;
    if (v.backup)
        j["backup"] = *v.backup;
}

template <> PullItem decode<PullItem>(const Json &j, const std::string &path)
{
    JsonReader r(j, path);
    PullItem item{r.str("type"), r.str("id"), Json()};
    const auto it = j.find("data");
    if (it == j.end() || !it->is_object())
        throw DecodeError(r.field("data"), "expected an object");
    item.data = *it;
    return item;
}

template <> Tombstone decode<Tombstone>(const Json &j, const std::string &path)
{
    JsonReader r(j, path);
    return Tombstone{r.str("type"), r.str("id")};
}

template <> BackupReach decode<BackupReach>(const Json &j, const std::string &path)
{
    JsonReader r(j, path);
    BackupReach reach{r.integer("through_seq"), r.str("taken_at")};
    if (reach.through_seq < 0)
        throw DecodeError(r.field("through_seq"), "must not be negative");
    return reach;
}

template <> PullPage decode<PullPage>(const Json &j, const std::string &path)
{
    JsonReader r(j, path);
    PullPage page;
    page.cursor = r.str("cursor");
    page.more = r.boolOr("more", false);
    page.reset = r.boolOr("reset", false);
    page.items = r.objects<PullItem>("items");
    page.deleted = r.objects<Tombstone>("deleted");
    page.tree_head = r.optObject<SignedTreeHead>("tree_head");
    page.epoch = r.optStr("epoch");
    page.backup = r.optObject<BackupReach>("backup");
    return page;
}

} // namespace fp
