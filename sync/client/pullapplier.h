#pragma once
// Applies one pulled page to the device store: rows, tombstones and the new cursor in one
// transaction, so a cut or a kill leaves either the whole page or none of it.

#include "device/devicestore.h"
#include "protocol/pullpage.h"

namespace fp {

/// What one page changed on the device.
struct PullCounts
{
    int upserted = 0;
    int removed = 0;
    int skipped = 0;    // rows of a type or shape this version does not know (newer server)
    bool reset = false; // every office row was dropped first
};

/// Writes pulled pages into a DeviceStore.
class PullApplier
{
  public:
    explicit PullApplier(DeviceStore &store) : m_store(store) {}

    /// Applies `page` and stores its cursor. The office rows are replaced wholesale when the
    /// server says so (`reset`: the scope changed) or when this is the first page of a feed
    /// (no cursor stored: a new enrolment must not keep rows of the old one).
    PullCounts apply(const PullPage &page);

  private:
    bool put(const PullItem &item);

    DeviceStore &m_store;
};

} // namespace fp
