#pragma once
// The office's persistent state (DESIGN §6): SQLite for one city (SqliteOfficeStore), PostgreSQL
// for a province (PgOfficeStore, issue 18). Consumers take only the narrow port they use;
// OfficeStore is every port the command line and the server hand out, for the one place that
// opens the store (the command line).

#include "server/domain/throttlestore.h"
#include "server/storage/accountstore.h"
#include "server/storage/enterprisestore.h"
#include "server/storage/findstore.h"
#include "server/storage/journalstore.h"
#include "server/storage/logstore.h"
#include "server/storage/planstore.h"
#include "server/storage/publicationstore.h"
#include "server/storage/reportstore.h"
#include "server/storage/reviewstore.h"
#include "server/storage/sessionstore.h"
#include "server/storage/syncstore.h"
#include "server/storage/tipoffstore.h"

namespace fp {

class OfficeStore : public AccountStore,
                    public PlanStore,
                    public SyncStore,
                    public ReviewStore,
                    public ReportStore,
                    public LogStore,
                    public JournalStore,
                    public EnterpriseStore,
                    public FindStore,
                    public TipoffStore,
                    public PublicationStore,
                    public SessionStore,
                    public ThrottleStore
{
};

} // namespace fp
