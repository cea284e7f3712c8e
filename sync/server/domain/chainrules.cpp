#include "server/domain/chainrules.h"

namespace fp {

ChainFit fitChain(const StatementLink &link, const std::optional<HeldStatement> &before,
                  const std::optional<HeldStatement> &same,
                  const std::optional<HeldStatement> &after)
{
    if (same) {
        if (same->hash == link.hash)
            return ChainFit{true, std::nullopt};
        return ChainFit{false, "seq " + std::to_string(link.seq) + " of device " + link.device_id +
                                   " already holds statement " + same->hash + " of inspection " +
                                   same->inspection_id};
    }
    if (before && before->hash != link.prev_hash)
        return ChainFit{false, "prev_hash does not name statement " + before->hash + ", seq " +
                                   std::to_string(link.seq - 1) + " of device " + link.device_id};
    if (after && after->prev_hash != link.hash)
        return ChainFit{false, "statement " + after->hash + ", seq " +
                                   std::to_string(link.seq + 1) + " of device " + link.device_id +
                                   ", names another predecessor"};
    return {};
}

std::string chainGapText(const StatementLink &link, std::int64_t highestBelow)
{
    std::string gap = "statements ";
    gap.append(std::to_string(highestBelow + 1));
    if (highestBelow + 2 < link.seq)
        gap.append(" to ").append(std::to_string(link.seq - 1));
    gap.append(" of device ")
        .append(link.device_id)
        .append(" have not arrived before seq ")
        .append(std::to_string(link.seq));
    return gap;
}

std::string forkDetail(const StatementLink &link, const std::string &inspectionId,
                       const std::string &why)
{
    std::string detail = "statement " + link.hash + " of inspection " + inspectionId + ": ";
    detail.append(why).append("; the refused statement: ").append(link.bytes);
    return detail;
}

} // namespace fp
