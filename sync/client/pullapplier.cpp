#include "pullapplier.h"

#include "protocol/recordtype.h"
#include "syncsettings.h"

namespace fp {

bool PullApplier::put(const PullItem &item)
{
    const std::string path = "pull." + item.type;
    if (item.type == wire::kRegion)
        m_store.put(decode<Region>(item.data, path));
    else if (item.type == wire::kEnterprise)
        m_store.put(decode<Enterprise>(item.data, path));
    else if (item.type == wire::kEquipment)
        m_store.put(decode<Equipment>(item.data, path));
    else if (item.type == wire::kCard)
        m_store.put(decode<Card>(item.data, path));
    else if (item.type == wire::kTask)
        m_store.put(decode<Task>(item.data, path));
    else if (item.type == wire::kReview)
        m_store.put(decode<Review>(item.data, path));
    else
        return false;
    return true;
}

PullCounts PullApplier::apply(const PullPage &page)
{
    PullCounts counts;
    const std::string stored = m_store.syncValue(synckey::kCursor).value_or("");
    if (!page.reset && page.items.empty() && page.deleted.empty() && page.cursor == stored &&
        !stored.empty())
        return counts; // nothing changed: a no-op sync writes nothing here
    m_store.inTransaction([&] {
        const bool fromZero = stored.empty();
        if (page.reset || fromZero) {
            m_store.clearOfficeRows();
            counts.reset = true;
        }
        for (const PullItem &item : page.items) {
            try {
                if (put(item))
                    ++counts.upserted;
                else
                    ++counts.skipped;
            } catch (const DecodeError &) {
                // A row a newer office wrote in a shape this version cannot read: skipping it
                // keeps the rest of the feed flowing; the summary reports how many were skipped.
                ++counts.skipped;
            }
        }
        for (const Tombstone &gone : page.deleted) {
            if (wire::isOfficeOwnedType(gone.type)) {
                m_store.removeOfficeRow(gone.type, gone.id);
                ++counts.removed;
            }
        }
        m_store.setSyncValue(synckey::kCursor, page.cursor);
    });
    return counts;
}

} // namespace fp
