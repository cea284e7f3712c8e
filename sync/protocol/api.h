#pragma once
// The fixed facts of wire protocol v1 (docs/protocol.md): paths, header names and limits that
// client and server must agree on.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace fp::api {

inline constexpr std::string_view kPrefix = "/api/v1";
inline constexpr std::string_view kEnrollPath = "/api/v1/devices/enroll";
inline constexpr std::string_view kPullPath = "/api/v1/sync/pull";
inline constexpr std::string_view kPushPath = "/api/v1/sync/push";
inline constexpr std::string_view kBlobsPath = "/api/v1/blobs/"; // followed by the SHA-256
// The office log's proofs (docs/protocol.md, "The office log").
inline constexpr std::string_view kLogConsistencyPath = "/api/v1/log/consistency";
inline constexpr std::string_view kLogInclusionPath = "/api/v1/log/inclusion";

/// How many bytes of a partial blob upload the server holds (HEAD 404, PUT 409 and 200).
inline constexpr std::string_view kUploadOffsetHeader = "Upload-Offset";

/// A push batch holds at most this many items ...
inline constexpr std::size_t kMaxPushItems = 500;
/// ... and its body at most this many bytes; beyond either the server answers 413.
inline constexpr std::size_t kMaxPushBodyBytes = std::size_t{16} * 1024 * 1024;
/// Bodies of enroll and other small requests.
inline constexpr std::size_t kMaxSmallBodyBytes = std::size_t{64} * 1024;
/// Nesting depth beyond which a JSON body is rejected (400) before it is decoded.
inline constexpr int kMaxJsonDepth = 32;

/// Pull page size: default when `limit` is absent, and the largest the server honours.
inline constexpr int kDefaultPullLimit = 500;
inline constexpr int kMaxPullLimit = 2000;

/// Default largest blob the server accepts (its --max-blob-mb option changes it).
inline constexpr std::int64_t kDefaultMaxBlobBytes = 64ll * 1024 * 1024;

} // namespace fp::api
