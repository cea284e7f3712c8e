#pragma once
// Which stored files an outbox item needs on the office before the item itself may go.

#include "core/json.h"

#include <string>
#include <vector>

namespace fp {

/// The SHA-256 of every photo and signature an InspectionBundle's JSON names, each once, in
/// the order they appear. Malformed entries are skipped: the office judges the item anyway.
std::vector<std::string> blobRefs(const Json &bundle);

} // namespace fp
