#include "protocol/wirejson.h"

#include "core/error.h"
#include "protocol/api.h"

namespace fp {

namespace {
/// Thrown from inside the parser callback; turned into a DecodeError below.
struct TooDeep
{
};
} // namespace

Json parseWireJson(std::string_view text, int maxDepth)
{
    if (maxDepth < 0)
        maxDepth = api::kMaxJsonDepth;
    // The callback sees every value with its depth; stop early instead of building the tree.
    const Json::parser_callback_t limit = [maxDepth](int depth, Json::parse_event_t, Json &) {
        if (depth > maxDepth)
            throw TooDeep{};
        return true;
    };
    try {
        return Json::parse(text, limit);
    } catch (const TooDeep &) {
        throw DecodeError("$", "JSON nested deeper than " + std::to_string(maxDepth) + " levels");
    } catch (const Json::exception &e) {
        throw DecodeError("$", std::string("malformed JSON: ") + e.what());
    }
}

} // namespace fp
