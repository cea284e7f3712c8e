// SyncService: the office log's proofs for devices (docs/protocol.md, "The office log").

#include "server/domain/apierror.h"
#include "server/domain/storeruleerror.h"
#include "server/syncapi/syncservice.h"

#include <charconv>

namespace fp {

namespace {

std::int64_t queryNumber(std::string_view text, const char *name)
{
    std::int64_t n = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || n < 0)
        throw ApiError(400, "bad_request",
                       std::string(name) + ": must be a whole number of at least 0");
    return n;
}

/// Runs `proof`; the log's refusal of sizes it does not have (StoreRuleError) becomes a 400.
template <typename Proof> auto refusedAs400(const Proof &proof)
{
    try {
        return proof();
    } catch (const StoreRuleError &e) {
        throw ApiError(400, "bad_request", e.what());
    }
}

} // namespace

ConsistencyAnswer SyncService::logConsistency(std::string_view from, std::string_view to)
{
    const auto m = queryNumber(from, "from");
    const auto n = queryNumber(to, "to");
    return refusedAs400([&] { return m_officeLog.consistencyProof(m, n); });
}

InclusionAnswer SyncService::logInclusion(std::string_view index, std::string_view size)
{
    const auto i = queryNumber(index, "index");
    const auto n = queryNumber(size, "size");
    return refusedAs400([&] { return m_officeLog.inclusionProof(i, n); });
}

} // namespace fp
