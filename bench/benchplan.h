#pragma once
// A large elimination-plan sheet for the pull benchmark, in the office's import format
// (data/plan-sample.csv), with valid unified social credit codes.

#include <filesystem>
#include <string>

namespace fp::bench {

/// Writes `enterprises` x `perEnterprise` equipment rows, all in region `region`.
void writePlanSheet(const std::filesystem::path &file, const std::string &region, int enterprises,
                    int perEnterprise);

/// A valid 18-character credit code (GB 32100-2015) numbered `n`, region 210381 (海城市).
std::string creditCode(int n);

} // namespace fp::bench
