#include "epochwatch.h"

#include "logcheck.h"

namespace fp {

EpochChange noteOfficeEpoch(DeviceStore &store, const std::optional<std::string> &epoch)
{
    EpochChange change;
    if (!epoch || epoch->empty())
        return change;
    const std::string saved = store.syncValue(synckey::kOfficeEpoch).value_or("");
    if (saved == *epoch)
        return change;
    store.inTransaction([&] {
        if (!saved.empty()) {
            change.changed = true;
            change.reoffered = store.reofferAcknowledgedFinals();
            change.log_head_dropped = !store.syncValue(synckey::kLogHead).value_or("").empty();
            store.setSyncValue(synckey::kLogHead, "");
        }
        store.setSyncValue(synckey::kOfficeEpoch, *epoch);
    });
    return change;
}

} // namespace fp
