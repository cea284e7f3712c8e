#pragma once
// The office's persistent state (DESIGN §6): SQLite today (SqliteOfficeStore), PostgreSQL for a
// province later. Consumers take only the narrow port they use; OfficeStore is all of them, for
// the one place that opens the store (the command line) and hands it out.

#include "server/storage/accountstore.h"
#include "server/storage/logstore.h"
#include "server/storage/planstore.h"
#include "server/storage/reportstore.h"
#include "server/storage/reviewstore.h"
#include "server/storage/sessionstore.h"
#include "server/storage/syncstore.h"

namespace fp {

class OfficeStore : public AccountStore,
                    public PlanStore,
                    public SyncStore,
                    public ReviewStore,
                    public ReportStore,
                    public LogStore,
                    public SessionStore
{
};

} // namespace fp
