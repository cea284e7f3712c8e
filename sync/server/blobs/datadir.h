#pragma once
// The office's data directory: office.db, blobs/ (content-addressed, fanned out by the first
// two hex digits), office.key (the office's signing key), tmp/ (partial uploads) and thumbs/ (the
// web page's photo thumbnails, a cache that may be deleted at any time). One directory is the whole
// backup.

#include <filesystem>

namespace fp {

struct DataDir
{
    std::filesystem::path root;

    std::filesystem::path database() const { return root / "office.db"; }
    std::filesystem::path blobs() const { return root / "blobs"; }
    std::filesystem::path tmp() const { return root / "tmp"; }
    std::filesystem::path thumbs() const { return root / "thumbs"; }
    /// The office's Ed25519 signing key (server/domain/officekey.h): back it up with office.db.
    std::filesystem::path officeKey() const { return root / "office.key"; }

    /// Creates the folders that are missing. Throws fp::Error with the path on failure.
    void create() const;
};

} // namespace fp
