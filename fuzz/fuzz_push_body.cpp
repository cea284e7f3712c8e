// libFuzzer: the body of POST /api/v1/sync/push as the office decodes it — the envelope, then
// each item's data as an InspectionBundle, its canonical content hash and the evidence rules.
// Anything may be refused with DecodeError or ValidationError; nothing may crash, and what
// decodes must survive a round trip through its own JSON.

#include "core/error.h"
#include "core/sha256.h"
#include "core/validation.h"
#include "protocol/push.h"
#include "protocol/wirejson.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    fp::PushRequest request;
    try {
        request = fp::decode<fp::PushRequest>(fp::parseWireJson(text), "request");
    } catch (const fp::DecodeError &) {
        return 0;
    }
    if (fp::decode<fp::PushRequest>(fp::Json(request), "request") != request)
        std::abort();
    for (const auto &item : request.items) {
        static_cast<void>(fp::sha256Hex(item.data.dump()));
        try {
            const auto bundle = fp::decode<fp::InspectionBundle>(item.data, "data");
            static_cast<void>(fp::finaliseProblems(bundle));
            if (fp::decode<fp::InspectionBundle>(fp::Json(bundle), "data") != bundle)
                std::abort();
        } catch (const fp::DecodeError &) {
        }
    }
    return 0;
}
