#pragma once
// The items the office rejected, kept in the device database so that `status` can show them
// and the next sync does not send the very same revision again.
//
// The policy (docs/performance.md and the CLI help say the same): a rejected item is never
// dropped — it stays in the outbox, because the device must not lose evidence. An item
// rejected with `missing_blob` is retried on the next sync (its files are uploaded first).
// Any other rejection is "parked": that revision is not re-sent until the inspection changes
// (a new revision) or the caller asks to retry rejected items; `run` exits non-zero while
// anything is parked, so that a person looks at it.

#include "device/devicestore.h"
#include "syncreport.h"

#include <map>
#include <string>
#include <vector>

namespace fp {

/// Rejections by (type, id), persisted as JSON under synckey::kRejections.
class RejectionLog
{
  public:
    static RejectionLog load(DeviceStore &store);
    /// Writes the log; call inside the transaction that marks the batch's results.
    void save(DeviceStore &store) const;

    /// True when this exact revision was rejected for a reason a resend cannot cure.
    bool parked(const std::string &type, const std::string &id, std::int64_t version) const;
    void record(const RejectedItem &item);
    void clear(const std::string &type, const std::string &id);
    std::vector<RejectedItem> list() const;

    static bool retriedNextTime(const std::string &code) { return code == "missing_blob"; }

  private:
    std::map<std::string, RejectedItem> m_items; // key: type + '/' + id
};

} // namespace fp
