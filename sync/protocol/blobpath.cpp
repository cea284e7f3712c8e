#include "protocol/blobpath.h"

#include "core/error.h"
#include "core/sha256.h"
#include "protocol/api.h"

namespace fp {

namespace {
void requireValid(std::string_view id)
{
    if (!isValidBlobId(id))
        throw ValidationError("a blob id must be 64 lowercase hex digits (its SHA-256)");
}
} // namespace

bool isValidBlobId(std::string_view id)
{
    return isSha256Hex(id);
}

std::filesystem::path blobRelativePath(std::string_view id)
{
    requireValid(id);
    return std::filesystem::path(std::string(id.substr(0, 2))) / std::string(id);
}

std::string blobUrlPath(std::string_view id)
{
    requireValid(id);
    return std::string(api::kBlobsPath) + std::string(id);
}

} // namespace fp
