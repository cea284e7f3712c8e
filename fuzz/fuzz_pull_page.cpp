// libFuzzer: a pull page as the tablet's sync client decodes it (sync/client/apiclient.cpp and
// pullapplier.cpp): the page, then each item's record by its type. A hostile or broken office
// must only ever cause a DecodeError.

#include "core/error.h"
#include "core/types.h"
#include "protocol/errorbody.h"
#include "protocol/pullpage.h"
#include "protocol/recordtype.h"
#include "protocol/wirejson.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

void decodeRecord(const fp::PullItem &item)
{
    namespace w = fp::wire;
    if (item.type == w::kRegion)
        static_cast<void>(fp::decode<fp::Region>(item.data, "data"));
    else if (item.type == w::kEnterprise)
        static_cast<void>(fp::decode<fp::Enterprise>(item.data, "data"));
    else if (item.type == w::kEquipment)
        static_cast<void>(fp::decode<fp::Equipment>(item.data, "data"));
    else if (item.type == w::kCard)
        static_cast<void>(fp::decode<fp::Card>(item.data, "data"));
    else if (item.type == w::kTask)
        static_cast<void>(fp::decode<fp::Task>(item.data, "data"));
    else if (item.type == w::kReview)
        static_cast<void>(fp::decode<fp::Review>(item.data, "data"));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    fp::Json json;
    try {
        json = fp::parseWireJson(text);
    } catch (const fp::DecodeError &) {
        return 0;
    }
    try {
        static_cast<void>(fp::decode<fp::ErrorBody>(json, "error"));
    } catch (const fp::DecodeError &) {
    }
    fp::PullPage page;
    try {
        page = fp::decode<fp::PullPage>(json, "response");
    } catch (const fp::DecodeError &) {
        return 0;
    }
    if (fp::decode<fp::PullPage>(fp::Json(page), "response") != page)
        std::abort();
    for (const auto &item : page.items) {
        try {
            decodeRecord(item);
        } catch (const fp::DecodeError &) {
        }
    }
    return 0;
}
