#include "verify/bundleverifier.h"

#include "core/error.h"
#include "core/json.h"
#include "core/sha256.h"
#include "crypto/canonicaljson.h"
#include "crypto/ed25519.h"
#include "crypto/statement.h"
#include "protocol/evidencebundle.h"
#include "protocol/logleaf.h"
#include "protocol/logwire.h"

#include <algorithm>
#include <optional>

namespace fp::verify {

namespace {

std::string shortHash(const std::string &hex)
{
    return hex.size() > 12 ? hex.substr(0, 12) + "…" : hex;
}

/// A one-line key file's content without its line end.
std::string firstLine(const std::string &text)
{
    return text.substr(0, text.find_first_of("\r\n"));
}

class Checker
{
  public:
    Checker(const Files &files, std::vector<Verdict> &out) : m_files(files), m_out(out) {}

    const std::string *file(const std::string &name) const
    {
        const auto it = m_files.find(name);
        return it == m_files.end() ? nullptr : &it->second;
    }
    /// The file, or a failed verdict naming it as missing.
    const std::string *need(const std::string &item, const std::string &name)
    {
        const std::string *f = file(name);
        if (!f)
            fail(item, name + " is missing from the bundle");
        return f;
    }
    void ok(const std::string &item, const std::string &detail = {})
    {
        m_out.push_back(Verdict{true, item, detail});
    }
    void fail(const std::string &item, const std::string &detail)
    {
        m_out.push_back(Verdict{false, item, detail});
    }
    void check(bool holds, const std::string &item, const std::string &okDetail,
               const std::string &failDetail)
    {
        holds ? ok(item, okDetail) : fail(item, failDetail);
    }

  private:
    const Files &m_files;
    std::vector<Verdict> &m_out;
};

struct Signed
{
    EvidenceStatement statement;
    std::string hash;
    std::string id;
};

std::optional<Json> parsed(Checker &c, const std::string &item, const std::string &name,
                           const std::string &bytes)
{
    try {
        return parseJson(bytes);
    } catch (const std::exception &e) {
        c.fail(item, name + " is not JSON: " + e.what());
        return std::nullopt;
    }
}

void checkBlobs(Checker &c, const std::string &item, const Json &data)
{
    struct Ref
    {
        std::string sha;
        std::string what;
    };
    std::vector<Ref> refs;
    try {
        for (const Json &p : data.value("photos", Json::array()))
            refs.push_back(Ref{p.at("sha256").get<std::string>(),
                               "photo " + p.value("tag", std::string("?"))});
        const Json opinion = data.value("opinion", Json());
        if (opinion.is_object()) {
            for (const Json &s : opinion.value("signatures", Json::array()))
                refs.push_back(Ref{s.at("sha256").get<std::string>(),
                                   "signature image of " + s.value("role", std::string("?"))});
        }
    } catch (const std::exception &e) {
        c.fail(item + ": evidence files", std::string("data.json names them badly: ") + e.what());
        return;
    }
    for (const Ref &r : refs) {
        const std::string what = item + ": " + r.what + " " + shortHash(r.sha);
        if (!isSha256Hex(r.sha) || !bundle::safeName(r.sha)) {
            c.fail(what, "data.json names it '" + r.sha + "', not a SHA-256");
            continue;
        }
        const std::string name = bundle::blobPath(r.sha);
        const std::string *bytes = c.need(what, name);
        if (!bytes)
            continue;
        const std::string actual = sha256Hex(*bytes);
        c.check(actual == r.sha, what, name + ": SHA-256 matches",
                name + " was changed: its bytes hash to " + actual + ", not to its name");
    }
}

void checkInspection(Checker &c, const Json &entry, const std::string &enterpriseId,
                     const std::optional<SignedTreeHead> &head, std::vector<Signed> &chain)
{
    const std::string id = entry.is_object() ? entry.value("id", std::string()) : std::string();
    const std::string item = "inspection " + id;
    if (!bundle::safeName(id)) {
        c.fail("inspection '" + id + "'", "bundle.json names an inspection id unfit for a file");
        return;
    }
    const auto path = [&](const char *f) { return bundle::inspectionPath(id, f); };
    const std::string *dataBytes = c.need(item, path("data.json"));
    const std::string *canonical = c.need(item, path("canonical.json"));
    const std::string *statementBytes = c.need(item, path("statement.json"));
    const std::string *signatureFile = c.need(item, path("signature.txt"));
    const std::string *proofBytes = c.need(item, path("proof.json"));

    std::optional<Json> data;
    if (dataBytes)
        data = parsed(c, item, path("data.json"), *dataBytes);
    if (data) {
        std::string mine;
        try {
            mine = canonicalJson(*data);
        } catch (const std::exception &e) {
            c.fail(item + ": canonical form", path("data.json") + ": " + e.what());
        }
        const Json &inspection = data->value("inspection", Json());
        const bool names = inspection.is_object() && inspection.value("id", "") == id &&
                           inspection.value("enterprise_id", "") == enterpriseId;
        c.check(names, item + ": record",
                path("data.json") + " names this inspection and enterprise",
                path("data.json") + " names another inspection or enterprise");
        if (canonical && !mine.empty())
            c.check(*canonical == mine, item + ": canonical form",
                    path("canonical.json") + " is the canonical JSON of data.json",
                    path("canonical.json") + " is not the canonical JSON of " + path("data.json"));
    }

    std::optional<EvidenceStatement> statement;
    if (statementBytes) {
        if (auto j = parsed(c, item, path("statement.json"), *statementBytes)) {
            try {
                statement = decode<EvidenceStatement>(*j, "statement");
            } catch (const std::exception &e) {
                c.fail(item + ": statement", path("statement.json") + ": " + e.what());
            }
        }
    }
    std::string hash;
    if (statement) {
        hash = statementHash(*statement);
        const bool canonicalBytesOk = canonicalBytes(*statement) == *statementBytes;
        const bool names = statement->inspection_id == id;
        const bool listed = entry.value("statement_hash", "") == hash;
        c.check(canonicalBytesOk && names && listed, item + ": statement",
                "hash " + hash + ", verification code " + bundle::verificationCode(hash),
                !canonicalBytesOk ? path("statement.json") + " is not in canonical form"
                : !names ? path("statement.json") + " names inspection " + statement->inspection_id
                         : "bundle.json lists statement hash " + entry.value("statement_hash", "") +
                               ", the file hashes to " + hash);
        chain.push_back(Signed{*statement, hash, id});
    }
    std::string signature;
    if (signatureFile)
        signature = firstLine(*signatureFile);
    if (statement && signatureFile) {
        const std::string keyName = bundle::safeName(statement->device_id)
                                        ? bundle::deviceKeyPath(statement->device_id)
                                        : std::string("keys/devices/?");
        if (const std::string *keyFile = c.need(item + ": signature", keyName)) {
            std::string key;
            try {
                key = crypto::fromHex(firstLine(*keyFile), keyName);
            } catch (const std::exception &) {
            }
            const bool good = key.size() == crypto::kPublicKeyBytes &&
                              verifyStatement(*statement, signature, key);
            c.check(good, item + ": signature",
                    "Ed25519 of device " + statement->device_id + " over statement.json",
                    path("signature.txt") + " is not device " + statement->device_id +
                        "'s signature of " + path("statement.json") + " (" + keyName + ")");
        }
    }
    if (statement && data) {
        std::string content;
        try {
            content = contentHash(*data);
        } catch (const std::exception &) {
        }
        c.check(content == statement->content_hash, item + ": content hash",
                "data.json hashes to the statement's content_hash",
                path("data.json") + " was changed after signing: its content hash is " + content +
                    ", the statement names " + statement->content_hash);
    }
    if (data)
        checkBlobs(c, item, *data);

    if (!proofBytes || !head || !statement || !dataBytes)
        return;
    std::optional<bundle::InspectionProof> proof;
    if (auto j = parsed(c, item, path("proof.json"), *proofBytes)) {
        try {
            proof = decode<bundle::InspectionProof>(*j, "proof");
        } catch (const std::exception &e) {
            c.fail(item + ": proofs", path("proof.json") + ": " + e.what());
        }
    }
    if (!proof)
        return;
    if (proof->tree_size != head->tree_size) {
        c.fail(item + ": proofs", path("proof.json") + " leads to a tree of " +
                                      std::to_string(proof->tree_size) + " leaves, the head has " +
                                      std::to_string(head->tree_size));
        return;
    }
    const merkle::Hash dataSha = merkle::sha256(*dataBytes);
    const auto leafCheck = [&](const char *name, const LogLeaf &leaf, const bundle::LeafProof &p) {
        c.check(bundle::leafIncluded(leaf, p, *head),
                item + ": " + name + " leaf " + std::to_string(p.index),
                "in the office log under the signed tree head",
                std::string("not in the office log under the signed tree head: ") +
                    path("proof.json") + ", tree_head.json or the record it rebuilds (" +
                    path(std::string_view(name) == "statement" ? "statement.json" : "data.json") +
                    ") was changed");
    };
    leafCheck("inspection",
              InspectionLeaf{id, proof->pushed_by, statement->inspection_version, dataSha},
              proof->inspection_leaf);
    leafCheck("statement",
              StatementLeaf{id, statement->device_id, statement->seq,
                            merkle::sha256(*statementBytes), signature},
              proof->statement_leaf);
    leafCheck(
        "review",
        ReviewLeaf{id, dataSha, proof->review_state, proof->review_reason, proof->reviewed_at},
        proof->review_leaf);
    c.check(proof->review_state == "accepted", item + ": review",
            "accepted by the office at " + proof->reviewed_at,
            "the office's latest decision is '" + proof->review_state + "', not accepted");
}

void checkChains(Checker &c, std::vector<Signed> &chain)
{
    std::sort(chain.begin(), chain.end(), [](const Signed &a, const Signed &b) {
        return std::tie(a.statement.device_id, a.statement.seq) <
               std::tie(b.statement.device_id, b.statement.seq);
    });
    for (std::size_t i = 1; i < chain.size(); ++i) {
        const Signed &prev = chain[i - 1];
        const Signed &next = chain[i];
        if (prev.statement.device_id != next.statement.device_id)
            continue;
        const std::string item = "device " + next.statement.device_id + ": chain at seq " +
                                 std::to_string(next.statement.seq);
        if (next.statement.seq == prev.statement.seq) {
            c.fail(item, "two statements with one seq (inspections " + prev.id + " and " + next.id +
                             "): a fork");
        } else if (next.statement.seq == prev.statement.seq + 1) {
            c.check(next.statement.prev_hash == prev.hash, item,
                    "prev_hash names seq " + std::to_string(prev.statement.seq),
                    "prev_hash of inspection " + next.id + " does not name the statement of " +
                        prev.id);
        }
    }
}

} // namespace

std::vector<Verdict> verifyBundle(const Files &files, const std::string &pinnedOfficeKey)
{
    const auto manifestFile = files.find(std::string(bundle::kManifest));
    if (manifestFile == files.end())
        throw BadBundle("not an evidence bundle: it holds no bundle.json");
    Json manifest;
    try {
        manifest = parseJson(manifestFile->second);
    } catch (const std::exception &e) {
        throw BadBundle(std::string("bundle.json is not JSON: ") + e.what());
    }
    if (!manifest.is_object() || manifest.value("format", "") != bundle::kFormat)
        throw BadBundle("bundle.json is not of format " + std::string(bundle::kFormat));
    const Json &enterprise = manifest.value("enterprise", Json::object());
    const Json &inspections = manifest.value("inspections", Json::array());
    if (!enterprise.is_object() || !enterprise.value("id", Json()).is_string() ||
        !inspections.is_array())
        throw BadBundle("bundle.json has no enterprise id or no list of inspections");

    std::vector<Verdict> out;
    Checker c(files, out);
    std::string officeKey;
    if (const std::string *f = c.need("office key", std::string(bundle::kOfficeKey))) {
        officeKey = firstLine(*f);
        if (!pinnedOfficeKey.empty())
            c.check(officeKey == pinnedOfficeKey, "office key", officeKey + " (as pinned)",
                    "keys/office.txt holds " + officeKey + ", not the pinned " + pinnedOfficeKey);
        else
            c.ok("office key", officeKey + " (not pinned: compare it with the key the office "
                                           "publishes, or pass --office-key)");
    }
    std::optional<SignedTreeHead> head;
    if (const std::string *f = c.need("tree head", std::string(bundle::kTreeHead))) {
        try {
            head = decode<SignedTreeHead>(parseJson(*f), "tree_head");
        } catch (const std::exception &e) {
            c.fail("tree head", std::string("tree_head.json: ") + e.what());
        }
        if (head)
            c.check(verifyTreeHead(*head, officeKey), "tree head",
                    std::to_string(head->tree_size) + " leaves, root " + head->root_hash +
                        ", signed by the office key",
                    "tree_head.json is not signed by the office key (keys/office.txt)");
    }
    if (inspections.empty())
        c.fail("inspections", "bundle.json lists none");
    std::vector<Signed> chain;
    for (const Json &entry : inspections)
        checkInspection(c, entry, enterprise.at("id").get<std::string>(), head, chain);
    checkChains(c, chain);
    return out;
}

} // namespace fp::verify
