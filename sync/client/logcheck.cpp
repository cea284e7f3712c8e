#include "logcheck.h"

#include "protocol/wirejson.h"

namespace fp {

namespace {

std::string sizeOf(std::int64_t n)
{
    return std::to_string(n) + (n == 1 ? " leaf" : " leaves");
}

} // namespace

LogRewrittenError::LogRewrittenError(const std::string &detail)
    : SyncError("THE OFFICE REWROTE ITS LOG: " + detail +
                ". The sync was stopped; nothing more was sent or received. Tell the office's "
                "administrator (fieldproof-server log verify) and do not sync this tablet until "
                "it is explained")
{
}

void pinOfficeKey(DeviceStore &store, const std::string &publicKeyHex)
{
    store.inTransaction([&] {
        store.setSyncValue(synckey::kLogHead, "");
        store.setSyncValue(synckey::kOfficeKey, publicKeyHex);
    });
}

std::optional<SignedTreeHead> savedLogHead(DeviceStore &store)
{
    const std::string text = store.syncValue(synckey::kLogHead).value_or("");
    if (text.empty())
        return std::nullopt;
    return decode<SignedTreeHead>(parseWireJson(text), "saved log head");
}

void checkLogHead(DeviceStore &store, ApiClient &api, const std::optional<SignedTreeHead> &head)
{
    const std::string key = store.syncValue(synckey::kOfficeKey).value_or("");
    if (key.empty())
        return;
    const auto saved = savedLogHead(store);
    if (!head) {
        if (saved)
            throw LogRewrittenError("the office sent no log head, but this tablet saw its log at " +
                                    sizeOf(saved->tree_size));
        return;
    }
    if (!verifyTreeHead(*head, key))
        throw LogRewrittenError("the office's log head of " + sizeOf(head->tree_size) +
                                " is not signed by the office key this tablet was enrolled with");
    if (saved) {
        if (head->tree_size < saved->tree_size)
            throw LogRewrittenError("the office log shrank from " + sizeOf(saved->tree_size) +
                                    " to " + sizeOf(head->tree_size));
        const auto oldRoot = merkle::fromHex(saved->root_hash);
        const auto newRoot = merkle::fromHex(head->root_hash);
        std::vector<merkle::Hash> proof;
        if (head->tree_size > saved->tree_size && saved->tree_size > 0) {
            const ConsistencyAnswer answer = api.logConsistency(saved->tree_size, head->tree_size);
            const auto parsed = merkle::fromHex(answer.proof);
            if (!parsed || answer.from != saved->tree_size || answer.to != head->tree_size)
                throw LogRewrittenError("the office answered the consistency check from " +
                                        sizeOf(saved->tree_size) + " to " +
                                        sizeOf(head->tree_size) + " with no usable proof");
            proof = *parsed;
        }
        if (!oldRoot || !newRoot ||
            !merkle::verifyConsistency(std::uint64_t(saved->tree_size),
                                       std::uint64_t(head->tree_size), *oldRoot, *newRoot, proof))
            throw LogRewrittenError("its log of " + sizeOf(head->tree_size) +
                                    " does not extend the log of " + sizeOf(saved->tree_size) +
                                    " this tablet saw before (signed " +
                                    std::to_string(saved->timestamp_ms) +
                                    " ms after 1970): the consistency proof fails");
    }
    if (!saved || *saved != *head)
        store.setSyncValue(synckey::kLogHead, Json(*head).dump());
}

} // namespace fp
