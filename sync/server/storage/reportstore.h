#pragma once
// The read models: the published lists' rows, the inspections the office holds and the
// pushed items it refused.

#include "server/domain/evidencerecords.h"
#include "server/domain/officerecords.h"
#include "server/domain/webrecords.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fp {

class ReportStore
{
  public:
    virtual ~ReportStore() = default;

    virtual std::vector<PlanListRow> planList() = 0;
    virtual std::vector<CardListRow> cardList(CardLevel level) = 0;
    virtual std::vector<ReceivedInspection> finalInspections() = 0;
    /// The inspections the office holds (drafts too), newest receipt first: of one enterprise,
    /// or of all when `enterpriseId` is empty.
    virtual std::vector<OfficeInspection> officeInspections(const std::string &enterpriseId) = 0;
    virtual std::optional<OfficeInspection> findOfficeInspection(const std::string &id) = 0;
    /// The pushed items the office refused (push_audit), newest first: at most `limit`, older
    /// than audit entry `before` (0: from the newest), of one rejection code or of all when
    /// `code` is empty.
    virtual std::vector<PushAuditEntry> rejectedPushes(const std::string &code, std::int64_t before,
                                                       int limit) = 0;
    /// The final inspections of one enterprise with their statements, latest decisions and
    /// inclusion proofs, all under the newest signed tree head (evidence bundle).
    virtual EvidenceSet evidenceOf(const std::string &enterpriseId) = 0;
};

} // namespace fp
