// PgOfficeStore: the devices' statement chains, and the report of them.

#include "server/pgstore/pgchain.h"

#include "server/domain/chainrules.h"

#include "server/pgstore/pgofficestore.h"

#include <map>
#include <optional>

namespace fp {

namespace {

// The first key of the per-device chain locks ("FPCH" in ASCII); the second is the device id's
// hash.
constexpr const char *kChainLockClass = "1179665224";

void event(PgConnection &db, const StatementLink &link, const char *kind, const std::string &detail,
           const std::string &at)
{
    db.exec("INSERT INTO chain_event (device_id, kind, statement_seq, detail, at) VALUES ($1, "
            "$2, $3, $4, $5)",
            {link.device_id, std::string(kind), std::to_string(link.seq), detail, at});
}

} // namespace

PgChainOutcome recordStatement(PgConnection &db, const StatementLink &link,
                               const std::string &inspectionId, const std::string &at)
{
    db.exec("SELECT pg_advisory_xact_lock($1::integer, hashtext($2))",
            {std::string(kChainLockClass), link.device_id});
    std::optional<HeldStatement> before, same, after;
    const std::string seq = std::to_string(link.seq);
    const PgResult near =
        db.exec("SELECT seq, hash, prev_hash, inspection_id FROM device_statement WHERE "
                "device_id = $1 AND seq BETWEEN $2::bigint - 1 AND $2::bigint + 1",
                {link.device_id, seq});
    for (int i = 0; i < near.rows(); ++i) {
        const std::int64_t at_seq = near.integer(i, 0);
        HeldStatement h{near.text(i, 1), near.text(i, 2), near.text(i, 3)};
        (at_seq < link.seq ? before : at_seq == link.seq ? same : after) = std::move(h);
    }
    const ChainFit fit = fitChain(link, before, same, after);
    if (fit.already_held)
        return {};
    if (fit.fork) {
        event(db, link, "fork", forkDetail(link, inspectionId, *fit.fork), at);
        return PgChainOutcome{true, *fit.fork};
    }

    db.exec("INSERT INTO device_statement (device_id, seq, hash, prev_hash, inspection_id, "
            "received_at) VALUES ($1, $2, $3, $4, $5, $6)",
            {link.device_id, seq, link.hash, link.prev_hash, inspectionId, at});
    if (before || link.seq == 1)
        return {}; // no hole below

    const PgResult below =
        db.exec("SELECT max(seq) FROM device_statement WHERE device_id = $1 AND seq < $2::bigint",
                {link.device_id, seq});
    const std::int64_t highest = below.isNull(0, 0) ? 0 : below.integer(0, 0);
    const std::string gap = chainGapText(link, highest);
    event(db, link, "gap", gap, at);
    return PgChainOutcome{false, gap};
}

std::vector<DeviceChain> PgOfficeStore::chainReport()
{
    const PgPool::Lease lease(m_pool);
    PgTransaction tx(m_db);
    m_db.execScript("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
    std::map<std::string, DeviceChain> chains;
    const PgResult seqs =
        m_db.exec("SELECT device_id, seq FROM device_statement ORDER BY device_id, seq");
    for (int i = 0; i < seqs.rows(); ++i) {
        DeviceChain &c = chains[seqs.text(i, 0)];
        c.device_id = seqs.text(i, 0);
        const std::int64_t seq = seqs.integer(i, 1);
        for (std::int64_t s = c.highest_seq + 1; s < seq; ++s)
            c.missing.push_back(s);
        c.highest_seq = seq;
        ++c.statements;
    }
    const PgResult events = m_db.exec(
        "SELECT device_id, kind, statement_seq, detail, at FROM chain_event ORDER BY seq");
    for (int i = 0; i < events.rows(); ++i) {
        DeviceChain &c = chains[events.text(i, 0)];
        c.device_id = events.text(i, 0);
        c.events.push_back(ChainEvent{events.text(i, 1), events.integer(i, 2), events.text(i, 3),
                                      events.text(i, 4)});
    }
    tx.commit();
    std::vector<DeviceChain> out;
    out.reserve(chains.size());
    for (auto &[id, chain] : chains)
        out.push_back(std::move(chain));
    return out;
}

std::optional<BackupReach> PgOfficeStore::backupReach(const std::string &)
{
    return std::nullopt;
}

} // namespace fp
