#pragma once
// Enterprises the office adds itself, outside the plan sheet (issue 14 item 1): with no planned
// equipment, in a region the office already has. They reach the tablets in scope like any
// enterprise (the pull log), and cards and tasks can name them.

#include "core/types.h"
#include "server/domain/storeruleerror.h"

namespace fp {

class EnterpriseStore
{
  public:
    virtual ~EnterpriseStore() = default;

    /// Adds `enterprise` (id, credit code, name and region_id set; the caller checked the
    /// credit code) in one transaction. Throws StoreRuleError when the credit code is taken or
    /// the region unknown; nothing changes then.
    virtual Enterprise addEnterprise(const Enterprise &enterprise) = 0;
};

} // namespace fp
