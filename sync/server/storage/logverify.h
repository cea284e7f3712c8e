#pragma once
// `fieldproof-server log verify`: the office log re-checked against office.db from scratch.

#include "db/database.h"
#include "server/storage/logstore.h"

#include <string>

namespace fp {

/// Recomputes every leaf from the rows it records (an inspection's stored JSON, a review
/// decision), checks that every final inspection and every decision has its leaf, rebuilds the
/// tree from the leaves and checks every signed head against it and against `publicKeyHex`
/// (skipped when empty). Reads in one transaction; stops at the first mismatch.
LogVerifyReport verifyOfficeLog(Database &db, const std::string &publicKeyHex);

} // namespace fp
