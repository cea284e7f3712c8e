#pragma once
// fieldproof-verify's checks (docs/protocol.md §10.3): every hash, signature and proof of an
// evidence bundle, each with its own verdict naming the file it rests on. Works on the bundle's
// files in memory, so that the zip reading (main.cpp) stays apart.

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace fp::verify {

/// One check and how it came out.
struct Verdict
{
    bool ok = false;
    std::string item;     // what was checked: "inspection 01a2…: photo 9f86… (blobs/9f86…)"
    std::string detail{}; // why it failed, or what held
};

/// The bundle's files by their names in the zip.
using Files = std::map<std::string, std::string>;

/// Thrown for input that is no evidence bundle at all (no bundle.json, another format).
class BadBundle : public std::runtime_error
{
  public:
    using std::runtime_error::runtime_error;
};

/// Every check of the bundle in order: the office key (against `pinnedOfficeKey` when not
/// empty), the tree head, then per inspection its files, canonical form, statement, signature,
/// content hash, photos and signature images, and its three log leaves; last each device's
/// chain where the bundle holds neighbouring statements.
std::vector<Verdict> verifyBundle(const Files &files, const std::string &pinnedOfficeKey = {});

} // namespace fp::verify
