#pragma once
// Blob ids and where a content-addressed blob lives: the id is the SHA-256 of the content in
// 64 lowercase hex digits, nothing else, so an id can never name a path outside the store.

#include <filesystem>
#include <string>
#include <string_view>

namespace fp {

/// True for 64 lowercase hex digits (the only accepted form; "../x", "%2e", uppercase: no).
bool isValidBlobId(std::string_view id);

/// "ab/abcdef..." — the blob's path relative to the blob folder (two-character fan-out).
/// Throws ValidationError for an invalid id.
std::filesystem::path blobRelativePath(std::string_view id);

/// "/api/v1/blobs/<id>". Throws ValidationError for an invalid id.
std::string blobUrlPath(std::string_view id);

} // namespace fp
