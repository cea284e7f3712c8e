// libFuzzer: POST /api/v1/devices/enroll, both ways: the request as the office decodes it and
// the answer as the tablet decodes it.

#include "core/error.h"
#include "protocol/enroll.h"
#include "protocol/wirejson.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

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
        const auto request = fp::decode<fp::EnrollRequest>(json, "request");
        if (fp::decode<fp::EnrollRequest>(fp::Json(request), "request") != request)
            std::abort();
    } catch (const fp::DecodeError &) {
    }
    try {
        const auto response = fp::decode<fp::EnrollResponse>(json, "response");
        if (fp::decode<fp::EnrollResponse>(fp::Json(response), "response") != response)
            std::abort();
    } catch (const fp::DecodeError &) {
    }
    return 0;
}
