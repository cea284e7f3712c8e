#include "contractkit.h"

#include "core/sha256.h"
#include "protocol/recordtype.h"
#include "server/domain/pullcursor.h"

#include <QTest>

namespace fp::test {

const char *const kEmptyOffice = "DELETE FROM region WHERE id = 'none';";

const char *const kTwoTowns = R"sql(
INSERT INTO region (id, name, kind) VALUES ('r-e', 'east', 'town'), ('r-w', 'West', 'town');
INSERT INTO enterprise (id, credit_code, name, region_id, industry, lat, lon, accuracy_m) VALUES
  ('e-1', 'C1', 'Zeta Foundry', 'r-e', 'foundry', 30.25, 120.125, 8.5),
  ('e-2', 'C2', 'alpha Glass', 'r-w', 'glass', NULL, NULL, NULL);
)sql";

std::array<unsigned char, 32> keySeed(unsigned step, unsigned first)
{
    std::array<unsigned char, 32> s{};
    for (std::size_t i = 0; i < s.size(); ++i)
        s[i] = static_cast<unsigned char>(i * step + first);
    return s;
}

std::map<std::string, Principal> enrol(AccountStore &accounts, const std::vector<Person> &people,
                                       const std::string &enrolledAt)
{
    std::map<std::string, Principal> who;
    for (const Person &p : people) {
        accounts.addUser(UserAccount{"u-" + p.name, p.name, p.role, "hash"}, p.scope);
        accounts.addDevice(DeviceInfo{"d-" + p.name, "u-" + p.name, "tablet of " + p.name,
                                      enrolledAt, std::nullopt, p.public_key},
                           "token-" + p.name);
        if (const auto principal = accounts.findByTokenHash("token-" + p.name))
            who.emplace(p.name, *principal);
    }
    return who;
}

IncomingItem inspectionItem(const std::string &id, const std::string &enterprise,
                            InspectionState state, std::string data, const std::string &deviceTime,
                            const std::string &receivedAt)
{
    IncomingItem item;
    item.type = std::string(wire::kInspection);
    item.id = id;
    item.version = 1;
    item.state = state;
    item.enterprise_id = enterprise;
    item.kind = VisitKind::Survey;
    item.data = std::move(data);
    item.content_hash = sha256Hex(item.data);
    item.device_time = deviceTime;
    item.received_at = receivedAt;
    item.batch_id = "batch-" + id;
    return item;
}

PullPage pullAll(SyncStore &store, const UserAccount &user, int limit)
{
    PullPage all;
    std::optional<PullCursor> cursor;
    for (int page = 0; page < 100; ++page) {
        PullPage p = store.pull(user, cursor, limit);
        all.items.insert(all.items.end(), p.items.begin(), p.items.end());
        all.deleted.insert(all.deleted.end(), p.deleted.begin(), p.deleted.end());
        all.cursor = p.cursor;
        all.tree_head = p.tree_head;
        all.epoch = p.epoch;
        cursor = parsePullCursor(p.cursor);
        if (!p.more)
            return all;
    }
    QTest::qFail("the feed did not end within 100 pages", __FILE__, __LINE__);
    return all;
}

std::vector<Person> annBobOlga()
{
    return {{"ann", Role::Inspector, ScopeSpec{{"east"}, {}}},
            {"bob", Role::Inspector, ScopeSpec{{"West"}, {}}},
            {"olga", Role::Office, ScopeSpec{}}};
}

bool PushContractTest::openPushOffice(const std::string &seedSql, const std::vector<Person> &people,
                                      const std::string &enrolledAt, const TreeHeadSigner *signer)
{
    if (!m_backend->newOffice(seedSql)) {
        qWarning("no new office: %s", qPrintable(m_backend->errorText()));
        return false;
    }
    m_accounts = m_backend->openAccounts();
    m_sync = m_backend->openSync(signer);
    m_who = enrol(*m_accounts, people, enrolledAt);
    if (m_who.size() != people.size()) {
        qWarning("%zu of %zu people were found by their tablet's token", m_who.size(),
                 people.size());
        return false;
    }
    return true;
}

void PushContractTest::closePushOffice()
{
    m_sync.reset();
    m_accounts.reset();
}

void StoreContractTest::initTestCase()
{
    FP_START_STORE_BACKEND(m_backend);
}

void StoreContractTest::cleanupTestCase()
{
    m_backend.reset();
}

} // namespace fp::test
