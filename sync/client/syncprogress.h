#pragma once
// What a running sync tells its caller: the phase and how far it got, in items and bytes.

#include <cstdint>
#include <functional>

namespace fp {

/// A snapshot of a running sync. Totals are known once the phase starts; the byte total
/// counts every file the pending items reference, including those the office turns out to
/// hold already (they count as done when skipped).
struct SyncProgress
{
    enum class Phase { Pull, Upload, Push, Done };
    Phase phase = Phase::Pull;
    std::int64_t rows_pulled = 0;
    std::int64_t items_done = 0;
    std::int64_t items_total = 0;
    std::int64_t bytes_done = 0;
    std::int64_t bytes_total = 0;
};

/// Called on the syncing thread; must be quick (the app posts it to the UI thread).
using ProgressCallback = std::function<void(const SyncProgress &)>;

} // namespace fp
