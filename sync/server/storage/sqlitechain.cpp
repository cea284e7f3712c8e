#include "server/storage/sqlitechain.h"

#include "server/domain/chainrules.h"

#include "server/storage/sqliteofficestore.h"

#include <map>

namespace fp {

ChainRecorder::ChainRecorder(Database &db)
    : m_near(db, "SELECT seq, hash, prev_hash, inspection_id FROM device_statement WHERE "
                 "device_id = ?1 AND seq BETWEEN ?2 - 1 AND ?2 + 1"),
      m_below(db, "SELECT max(seq) FROM device_statement WHERE device_id = ? AND seq < ?"),
      m_insert(db, "INSERT INTO device_statement (device_id, seq, hash, prev_hash, inspection_id, "
                   "received_at) VALUES (?,?,?,?,?,?)"),
      m_event(db, "INSERT INTO chain_event (device_id, kind, statement_seq, detail, at) VALUES "
                  "(?,?,?,?,?)")
{
}

ChainOutcome ChainRecorder::record(const StatementLink &link, const std::string &inspectionId,
                                   const std::string &at)
{
    // The statements at seq - 1, seq and seq + 1, in one query (this runs for every final
    // inspection a push stores).
    std::optional<HeldStatement> before, same, after;
    m_near.reset();
    m_near.bind(1, link.device_id).bind(2, link.seq);
    while (m_near.step()) {
        const std::int64_t seq = m_near.integer(0);
        HeldStatement h{m_near.text(1), m_near.text(2), m_near.text(3)};
        (seq < link.seq ? before : seq == link.seq ? same : after) = std::move(h);
    }
    m_near.reset();
    const ChainFit fit = fitChain(link, before, same, after);
    if (fit.already_held)
        return {};
    if (fit.fork) {
        event(link, "fork", forkDetail(link, inspectionId, *fit.fork), at);
        return ChainOutcome{true, *fit.fork};
    }

    m_insert.reset();
    m_insert.bind(1, link.device_id).bind(2, link.seq).bind(3, link.hash).bind(4, link.prev_hash);
    m_insert.bind(5, inspectionId).bind(6, at).exec();
    if (before || link.seq == 1)
        return {}; // no hole below

    m_below.reset();
    m_below.bind(1, link.device_id).bind(2, link.seq).step();
    const std::int64_t below = m_below.isNull(0) ? 0 : m_below.integer(0);
    m_below.reset();
    const std::string gap = chainGapText(link, below);
    event(link, "gap", gap, at);
    return ChainOutcome{false, gap};
}

void ChainRecorder::event(const StatementLink &link, const char *kind, const std::string &detail,
                          const std::string &at)
{
    m_event.reset();
    m_event.bind(1, link.device_id).bind(2, kind).bind(3, link.seq).bind(4, detail).bind(5, at);
    m_event.exec();
}

std::vector<DeviceChain> SqliteOfficeStore::chainReport()
{
    std::lock_guard lock(m_mutex);
    std::map<std::string, DeviceChain> chains;
    Statement seqs(m_db, "SELECT device_id, seq FROM device_statement ORDER BY device_id, seq");
    while (seqs.step()) {
        DeviceChain &c = chains[seqs.text(0)];
        c.device_id = seqs.text(0);
        const std::int64_t seq = seqs.integer(1);
        for (std::int64_t s = c.highest_seq + 1; s < seq; ++s)
            c.missing.push_back(s);
        c.highest_seq = seq;
        ++c.statements;
    }
    Statement events(m_db, "SELECT device_id, kind, statement_seq, detail, at FROM chain_event "
                           "ORDER BY seq");
    while (events.step()) {
        DeviceChain &c = chains[events.text(0)];
        c.device_id = events.text(0);
        c.events.push_back(
            ChainEvent{events.text(1), events.integer(2), events.text(3), events.text(4)});
    }
    std::vector<DeviceChain> out;
    out.reserve(chains.size());
    for (auto &[id, chain] : chains)
        out.push_back(std::move(chain));
    return out;
}

} // namespace fp
