#include "server/webapi/idempotency.h"

namespace fp {

IdempotencyCache::Begin IdempotencyCache::begin(const std::string &user, const std::string &key,
                                                const std::string &fingerprint, Answer &answer)
{
    const TimePoint now = m_clock.now();
    return m_store.claimIdempotencyKey(user, key, fingerprint, now, now - kKeepFor,
                                       now - kDeadAfter, answer);
}

void IdempotencyCache::finish(const std::string &user, const std::string &key, const Answer &answer)
{
    m_store.finishIdempotencyKey(user, key, answer);
}

void IdempotencyCache::abandon(const std::string &user, const std::string &key)
{
    m_store.abandonIdempotencyKey(user, key);
}

} // namespace fp
