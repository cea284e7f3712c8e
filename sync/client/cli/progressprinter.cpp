#include "progressprinter.h"

#include <cmath>

namespace fp::cli {

namespace {
const char *phaseName(SyncProgress::Phase phase)
{
    switch (phase) {
    case SyncProgress::Phase::Pull:
        return "pull";
    case SyncProgress::Phase::Upload:
        return "upload";
    case SyncProgress::Phase::Push:
        return "push";
    case SyncProgress::Phase::Done:
        break;
    }
    return "done";
}

double megabytes(std::int64_t bytes)
{
    return static_cast<double>(bytes) / (1024.0 * 1024.0);
}
} // namespace

void ProgressPrinter::show(const SyncProgress &p)
{
    if (m_terminal)
        bar(p);
    else
        line(p);
}

void ProgressPrinter::bar(const SyncProgress &p)
{
    const auto now = std::chrono::steady_clock::now();
    if (p.phase != SyncProgress::Phase::Done && now - m_lastDraw < std::chrono::milliseconds(100))
        return;
    m_lastDraw = now;
    if (p.phase != SyncProgress::Phase::Pull && p.items_total == 0)
        return; // nothing to send: the pull line stays as the last word
    if (p.phase == SyncProgress::Phase::Pull) {
        std::fprintf(m_out, "\r\033[Kpull: %lld rows", static_cast<long long>(p.rows_pulled));
    } else {
        const double done = p.bytes_total > 0 ? double(p.bytes_done) / double(p.bytes_total) : 1.0;
        const int width = 30;
        const int filled = static_cast<int>(std::lround(done * width));
        std::fprintf(m_out, "\r\033[K%-6s [", phaseName(p.phase));
        for (int i = 0; i < width; ++i)
            std::fputc(i < filled ? '#' : '.', m_out);
        std::fprintf(m_out, "] %3d%%  items %lld/%lld  %.1f/%.1f MB", static_cast<int>(done * 100),
                     static_cast<long long>(p.items_done), static_cast<long long>(p.items_total),
                     megabytes(p.bytes_done), megabytes(p.bytes_total));
    }
    std::fflush(m_out);
    m_drawn = true;
}

void ProgressPrinter::line(const SyncProgress &p)
{
    const int decile = p.bytes_total > 0 ? static_cast<int>(p.bytes_done * 10 / p.bytes_total) : 10;
    if (p.phase == m_lastPhase && (p.phase == SyncProgress::Phase::Pull || decile == m_lastDecile))
        return;
    if (p.phase == SyncProgress::Phase::Pull)
        std::fprintf(m_out, "pull: started\n");
    else if (p.phase != SyncProgress::Phase::Done && p.items_total > 0)
        std::fprintf(m_out, "%s: items %lld/%lld, %.1f/%.1f MB\n", phaseName(p.phase),
                     static_cast<long long>(p.items_done), static_cast<long long>(p.items_total),
                     megabytes(p.bytes_done), megabytes(p.bytes_total));
    std::fflush(m_out);
    m_lastPhase = p.phase;
    m_lastDecile = decile;
}

void ProgressPrinter::finish()
{
    if (m_terminal && m_drawn)
        std::fputs("\n", m_out);
}

} // namespace fp::cli
