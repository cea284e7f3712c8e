#include "rsssampler.h"

#include <chrono>
#include <fstream>
#include <string>

namespace fp::bench {

MemoryStatus memoryOf(pid_t pid)
{
    MemoryStatus m;
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        const auto number = [&line] {
            return std::stoll(line.substr(line.find_first_of("0123456789")));
        };
        if (line.starts_with("VmRSS:"))
            m.rss_kb = number();
        else if (line.starts_with("VmHWM:"))
            m.hwm_kb = number();
    }
    return m;
}

RssSampler::RssSampler(pid_t pid, int intervalMs)
    : m_thread([this, pid, intervalMs] {
          while (!m_stop.load()) {
              const std::int64_t rss = memoryOf(pid).rss_kb;
              if (rss > 0) {
                  m_peak = std::max(m_peak, rss);
                  m_low = m_samples == 0 ? rss : std::min(m_low, rss);
                  ++m_samples;
              }
              std::this_thread::sleep_for(std::chrono::milliseconds(intervalMs));
          }
      })
{
}

RssSampler::~RssSampler()
{
    stop();
}

void RssSampler::stop()
{
    m_stop.store(true);
    if (m_thread.joinable())
        m_thread.join();
}

} // namespace fp::bench
