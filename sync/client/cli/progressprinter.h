#pragma once
// Shows a running sync: a redrawn bar on a terminal, a few plain lines otherwise (logs).

#include "client/syncprogress.h"

#include <chrono>
#include <cstdio>

namespace fp::cli {

/// Prints SyncProgress snapshots to `out`, at most ten times a second.
class ProgressPrinter
{
  public:
    ProgressPrinter(std::FILE *out, bool terminal) : m_out(out), m_terminal(terminal) {}

    void show(const SyncProgress &p);
    /// Ends the bar's line so the summary starts on its own.
    void finish();

  private:
    void bar(const SyncProgress &p);
    void line(const SyncProgress &p);

    std::FILE *m_out;
    bool m_terminal;
    bool m_drawn = false;
    SyncProgress::Phase m_lastPhase = SyncProgress::Phase::Done;
    int m_lastDecile = -1;
    std::chrono::steady_clock::time_point m_lastDraw{};
};

} // namespace fp::cli
