#pragma once
// `fieldproof-server log verify`: the office log re-checked against office.db from scratch.

#include "db/database.h"
#include "protocol/merkle.h"
#include "server/storage/logstore.h"

#include <optional>
#include <string>
#include <vector>

namespace fp {

/// Recomputes every leaf from the rows it records (an inspection's stored JSON, a review
/// decision), checks that every final inspection and every decision has its leaf, rebuilds the
/// tree from the leaves and checks every signed head against it and against `publicKeyHex`
/// (skipped when empty). Reads in one transaction; stops at the first mismatch.
LogVerifyReport verifyOfficeLog(Database &db, const std::string &publicKeyHex);

/// The heads' rule, for both stores' verifiers: every head (`heads`, oldest first) covers no
/// more than the `leaves` of `tree`, matches its root at its size and verifies under
/// `publicKeyHex` (skipped when empty), and the newest covers them all. Counts the heads
/// checked into `report.heads`; the first problem as a sentence, or nothing.
std::optional<std::string> treeHeadsProblem(const std::vector<SignedTreeHead> &heads,
                                            const merkle::MemoryTree &tree,
                                            const std::string &publicKeyHex,
                                            LogVerifyReport &report);

} // namespace fp
