#include "core/clock.h"

#include <cstdio>

namespace fp {

const SystemClock &SystemClock::instance()
{
    static const SystemClock clock;
    return clock;
}

std::string formatTimestamp(TimePoint t)
{
    using namespace std::chrono;
    const auto ms = floor<milliseconds>(t);
    const auto days = floor<std::chrono::days>(ms);
    const year_month_day ymd{days};
    const hh_mm_ss hms{ms - days};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", int(ymd.year()),
                  unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                  int(hms.minutes().count()), int(hms.seconds().count()),
                  int(hms.subseconds().count()));
    return buf;
}

std::string formatDate(TimePoint t)
{
    return formatTimestamp(t).substr(0, 10);
}

} // namespace fp
