#pragma once
// Samples a process's resident memory from /proc/<pid>/status on a thread of its own, so that
// a benchmark can tell whether the server's memory stays flat while it works.

#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <thread>

namespace fp::bench {

struct MemoryStatus
{
    std::int64_t rss_kb = 0; // VmRSS: resident now
    std::int64_t hwm_kb = 0; // VmHWM: the highest resident size the process ever had
};

/// VmRSS and VmHWM of `pid` now (zeros when it is gone).
MemoryStatus memoryOf(pid_t pid);

class RssSampler
{
  public:
    /// Starts sampling `pid` every `intervalMs` milliseconds.
    RssSampler(pid_t pid, int intervalMs);
    ~RssSampler();
    RssSampler(const RssSampler &) = delete;
    RssSampler &operator=(const RssSampler &) = delete;

    /// Stops sampling; the highest and lowest VmRSS seen, and how many samples were taken.
    void stop();
    std::int64_t peakRssKb() const { return m_peak; }
    std::int64_t lowRssKb() const { return m_low; }
    int samples() const { return m_samples; }

  private:
    std::atomic<bool> m_stop{false};
    std::int64_t m_peak = 0;
    std::int64_t m_low = 0;
    int m_samples = 0;
    std::thread m_thread;
};

} // namespace fp::bench
