#include "crypto/statement.h"

#include "core/error.h"
#include "core/jsonreader.h"
#include "core/sha256.h"
#include "crypto/canonicaljson.h"
#include "crypto/ed25519.h"

namespace fp {

void to_json(Json &j, const EvidenceStatement &v)
{
    j = Json{{"format", v.format},
             {"device_id", v.device_id},
             {"seq", v.seq},
             {"prev_hash", v.prev_hash},
             {"inspection_id", v.inspection_id},
             {"inspection_version", v.inspection_version},
             {"content_hash", v.content_hash}};
}

template <> EvidenceStatement decode<EvidenceStatement>(const Json &j, const std::string &path)
{
    JsonReader r(j, path);
    EvidenceStatement s;
    s.format = r.str("format");
    if (s.format != kStatementFormat)
        throw DecodeError(
            r.field("format"),
            std::string("unknown statement format; expected ").append(kStatementFormat));
    s.device_id = r.str("device_id");
    if (s.device_id.empty())
        throw DecodeError(r.field("device_id"), "must not be empty");
    s.seq = r.integer("seq");
    if (s.seq < 1)
        throw DecodeError(r.field("seq"), "must be 1 or more");
    s.prev_hash = r.str("prev_hash");
    if (!isSha256Hex(s.prev_hash))
        throw DecodeError(r.field("prev_hash"), "expected 64 lowercase hex digits");
    if (s.seq == 1 && s.prev_hash != kFirstPrevHash)
        throw DecodeError(r.field("prev_hash"), "the first statement (seq 1) has 64 zeros");
    s.inspection_id = r.str("inspection_id");
    s.inspection_version = r.integer("inspection_version");
    if (s.inspection_version < 1)
        throw DecodeError(r.field("inspection_version"), "must be 1 or more");
    s.content_hash = r.str("content_hash");
    if (!isSha256Hex(s.content_hash))
        throw DecodeError(r.field("content_hash"), "expected 64 lowercase hex digits");
    return s;
}

std::string contentHash(const Json &data)
{
    return sha256Hex(canonicalJson(data));
}

std::string canonicalBytes(const EvidenceStatement &statement)
{
    return canonicalJson(Json(statement));
}

std::string statementHash(const EvidenceStatement &statement)
{
    return sha256Hex(canonicalBytes(statement));
}

std::string signStatement(const EvidenceStatement &statement, std::string_view secretKey)
{
    return crypto::toHex(crypto::sign(canonicalBytes(statement), secretKey));
}

bool verifyStatement(const EvidenceStatement &statement, std::string_view signatureHex,
                     std::string_view publicKey)
{
    if (signatureHex.size() != 2 * crypto::kSignatureBytes)
        return false;
    std::string signature;
    try {
        signature = crypto::fromHex(signatureHex);
    } catch (const DecodeError &) {
        return false;
    }
    return crypto::verify(signature, canonicalBytes(statement), publicKey);
}

} // namespace fp
