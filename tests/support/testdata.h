#pragma once
// Test data for the server tests: the sample plan, accounts, and inspection bundles that do
// or do not meet the evidence rules.

#include "core/json.h"
#include "core/types.h"

#include <QString>

#include <string>
#include <vector>

namespace fp::test {

/// The project's source folder (FIELDPROOF_SOURCE_DIR from ctest, else the build's value).
QString sourceDir();
QString samplePlan();

/// The 属地 column of the sample plan, one entry per equipment row.
std::vector<QString> samplePlanRegions();

/// A draft survey inspection of one planned item, found still operating (no photo needed).
InspectionBundle draftBundle(const std::string &enterpriseId, const std::string &equipmentId);
/// A final exit inspection: the item dismantled, with a `dismantled_site` photo of `photoSha`
/// whose blob is `photoSize` bytes long (the office refuses a size its blob does not have).
InspectionBundle finalDismantledBundle(const std::string &enterpriseId,
                                       const std::string &equipmentId, const std::string &photoSha,
                                       std::int64_t photoSize);

/// A final visit of `kind` that found every item of `equipmentIds` dismantled, each with a
/// `dismantled_site` photo of `photoSha`; with `verdict`, an opinion signed by the inspector and
/// the representative (signature images: `photoSha` too).
InspectionBundle finalAllDismantledBundle(const std::string &enterpriseId,
                                          const std::vector<std::string> &equipmentIds,
                                          const std::string &photoSha, std::int64_t photoSize,
                                          VisitKind kind, std::optional<Verdict> verdict = {});

/// One push item envelope for an inspection revision.
Json pushItem(const InspectionBundle &bundle, std::int64_t version);
/// A push body for `deviceId` with a fresh batch id. Each final inspection without a statement
/// is signed as the device would sign it, by the DeviceSigner of `deviceId` (devicesigner.h)
/// when ApiFixture enrolled it.
std::string pushBody(const std::string &deviceId, const std::vector<Json> &items);

} // namespace fp::test
