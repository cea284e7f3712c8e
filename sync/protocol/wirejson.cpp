#include "protocol/wirejson.h"

#include "core/error.h"
#include "protocol/api.h"

namespace fp {

namespace {

/// The deepest nesting of arrays and objects in `text`, scanning no further than one level
/// past `limit`. A linear pre-scan: cheaper than nlohmann's callback parser, and it refuses
/// absurd nesting before any tree is built. Malformed text is left for the parser to report.
int nestingDepth(std::string_view text, int limit)
{
    int depth = 0;
    int deepest = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i; // skip the escaped character
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
            if (deepest > limit)
                return deepest;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return deepest;
}

} // namespace

Json parseWireJson(std::string_view text, int maxDepth)
{
    if (maxDepth < 0)
        maxDepth = api::kMaxJsonDepth;
    if (nestingDepth(text, maxDepth) > maxDepth)
        throw DecodeError("$", "JSON nested deeper than " + std::to_string(maxDepth) + " levels");
    try {
        return Json::parse(text);
    } catch (const Json::exception &e) {
        throw DecodeError("$", std::string("malformed JSON: ") + e.what());
    }
}

} // namespace fp
