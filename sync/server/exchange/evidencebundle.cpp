#include "server/exchange/evidencebundle.h"

#include "core/sha256.h"
#include "crypto/canonicaljson.h"
#include "crypto/statement.h"
#include "protocol/evidencebundle.h"

#include <zip.h>

#include <cerrno>
#include <cstdio>
#include <deque>
#include <functional>
#include <set>

namespace fp {

namespace {

constexpr const char *kReadme =
    "FieldProof 证据包 / evidence bundle\n"
    "==================================\n"
    "\n"
    "本压缩包含一家企业经办公室验收、仍然有效的全部检查记录：检查数据（data.json 及其规范形式\n"
    "canonical.json）、平板设备签名的声明（statement.json、signature."
    "txt）、所引用的照片和签名图片\n"
    "（blobs/，文件名即其 SHA-256）、每条记录在办公室日志中的包含证明（proof.json）、办公室签名的\n"
    "树头（tree_head.json），以及设备和办公室的公钥（keys/）。\n"
    "\n"
    "核验：运行 `fieldproof-verify 本文件.zip`（建议加 --office-key 办公室公布的公钥）。程序逐项\n"
    "核对每个哈希、签名和证明，并逐项给出结论；只有全部通过时退出码为 0。打印的验收意见上的\n"
    "“核验码”是声明哈希的前 16 位，可与核验结果对照。格式说明见 docs/protocol.md 第 10 节。\n"
    "\n"
    "This zip holds every inspection of one enterprise that the office accepted and that is still\n"
    "in effect: the inspection data (data.json and its canonical form canonical.json), the\n"
    "statement the tablet signed (statement.json, signature.txt), the photos and signature images\n"
    "it names (blobs/, each named by its SHA-256), each record's inclusion proof in the office "
    "log\n"
    "(proof.json), the office's signed tree head (tree_head.json) and the device and office "
    "public\n"
    "keys (keys/).\n"
    "\n"
    "To check it, run `fieldproof-verify THIS.zip` (best with --office-key and the key the office\n"
    "publishes). It checks every hash, signature and proof, prints a verdict per item and exits 0\n"
    "only if everything holds. The verification code on the printed acceptance opinion is the\n"
    "first 16 hex digits of the statement hash. The layout: docs/protocol.md section 10.\n";

/// A blob that a zip entry reads when libzip writes it: opened on ZIP_SOURCE_OPEN, closed on
/// ZIP_SOURCE_CLOSE, so that only the blob being written is open.
struct LazyBlob
{
    std::function<StdioFile()> open;
    StdioFile file;
    std::int64_t size = 0;
    zip_error_t error{};
};

/// libzip's source callback over a LazyBlob (it owns the state and frees it).
zip_int64_t lazyBlobSource(void *state, void *data, zip_uint64_t length, zip_source_cmd_t cmd)
{
    auto *blob = static_cast<LazyBlob *>(state);
    switch (cmd) {
    case ZIP_SOURCE_OPEN:
        blob->file = blob->open();
        if (!blob->file) {
            zip_error_set(&blob->error, ZIP_ER_OPEN, errno);
            return -1;
        }
        return 0;
    case ZIP_SOURCE_READ: {
        const std::size_t n = std::fread(data, 1, length, blob->file.get());
        if (n < length && std::ferror(blob->file.get())) {
            zip_error_set(&blob->error, ZIP_ER_READ, errno);
            return -1;
        }
        return static_cast<zip_int64_t>(n);
    }
    case ZIP_SOURCE_CLOSE:
        blob->file.reset();
        return 0;
    case ZIP_SOURCE_STAT: {
        auto *st = static_cast<zip_stat_t *>(data);
        zip_stat_init(st);
        st->size = static_cast<zip_uint64_t>(blob->size);
        st->valid |= ZIP_STAT_SIZE;
        return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&blob->error, data, length);
    case ZIP_SOURCE_FREE:
        zip_error_fini(&blob->error);
        delete blob;
        return 0;
    case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                              ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
                                              -1);
    default:
        zip_error_set(&blob->error, ZIP_ER_OPNOTSUPP, 0);
        return -1;
    }
}

/// A zip being written; the buffers handed to libzip live until close().
class ZipWriter
{
  public:
    explicit ZipWriter(const std::filesystem::path &file) : m_file(file)
    {
        int code = 0;
        m_zip = zip_open(file.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
        if (!m_zip) {
            zip_error_t error;
            zip_error_init_with_code(&error, code);
            const std::string why = zip_error_strerror(&error);
            zip_error_fini(&error);
            throw Error("cannot write " + file.string() + ": " + why);
        }
    }
    ~ZipWriter()
    {
        if (m_zip)
            zip_discard(m_zip);
    }
    ZipWriter(const ZipWriter &) = delete;
    ZipWriter &operator=(const ZipWriter &) = delete;

    void addText(const std::string &name, std::string bytes)
    {
        const std::string &kept = m_buffers.emplace_back(std::move(bytes));
        zip_source_t *src = zip_source_buffer(m_zip, kept.data(), kept.size(), 0);
        add(name, src, true);
    }
    /// Adds `size` bytes that `open` streams when libzip writes the entry (at close()).
    void addBlob(const std::string &name, std::int64_t size, std::function<StdioFile()> open)
    {
        auto *state = new LazyBlob{std::move(open), {}, size, {}};
        zip_error_init(&state->error);
        zip_source_t *src = zip_source_function(m_zip, lazyBlobSource, state);
        if (!src) {
            zip_error_fini(&state->error);
            delete state;
        }
        add(name, src, false); // a source it made is freed by libzip (ZIP_SOURCE_FREE)
    }
    void close()
    {
        if (zip_close(m_zip) != 0)
            throw Error("cannot write " + m_file.string() + ": " + zip_strerror(m_zip));
        m_zip = nullptr;
    }

  private:
    void add(const std::string &name, zip_source_t *src, bool compress)
    {
        if (!src)
            throw Error("cannot add " + name + " to " + m_file.string() + ": " +
                        zip_strerror(m_zip));
        const zip_int64_t index = zip_file_add(m_zip, name.c_str(), src, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            zip_source_free(src);
            throw Error("cannot add " + name + " to " + m_file.string() + ": " +
                        zip_strerror(m_zip));
        }
        // Photos are JPEGs already: stored, not deflated again.
        zip_set_file_compression(m_zip, static_cast<zip_uint64_t>(index),
                                 compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0);
    }

    std::filesystem::path m_file;
    zip_t *m_zip = nullptr;
    std::deque<std::string> m_buffers;
};

/// The SHA-256 of every photo and signature image `data` names.
std::set<std::string> blobsOf(const Json &data)
{
    std::set<std::string> out;
    for (const Json &p : data.value("photos", Json::array()))
        out.insert(p.at("sha256").get<std::string>());
    const Json opinion = data.value("opinion", Json());
    if (opinion.is_object()) {
        for (const Json &s : opinion.value("signatures", Json::array()))
            out.insert(s.at("sha256").get<std::string>());
    }
    return out;
}

} // namespace

BundleSummary writeEvidenceBundle(ReportStore &reports, PlanStore &plan, const BundleBlobs &held,
                                  const std::string &enterpriseId, const std::string &createdAt,
                                  const std::filesystem::path &out)
{
    const auto enterprise = plan.findEnterprise(enterpriseId);
    if (!enterprise)
        throw BundleError("there is no enterprise with id '" + enterpriseId + "'");
    const EvidenceSet evidence = reports.evidenceOf(enterpriseId);
    if (!evidence.head)
        throw BundleError("the office log has no signed tree head yet");

    // Effective: accepted, and not amended by another accepted inspection.
    std::set<std::string> amended;
    for (const auto &e : evidence.inspections) {
        if (e.proof.review_state == "accepted" && !e.amends_id.empty())
            amended.insert(e.amends_id);
    }
    BundleSummary summary;
    summary.enterprise_name = enterprise->name;
    summary.tree_size = evidence.head->tree_size;
    std::vector<const EvidenceInspection *> chosen;
    for (const auto &e : evidence.inspections) {
        if (e.proof.review_state != "accepted" || amended.contains(e.id))
            continue;
        if (!bundle::safeName(e.id))
            summary.left_out.push_back(e.id + ": an id that cannot name a file");
        else if (e.statement.empty() || !e.statement_logged)
            summary.left_out.push_back(e.id + ": no signed statement in the office log");
        else if (!e.review_logged)
            summary.left_out.push_back(e.id + ": its acceptance is not in the office log");
        else
            chosen.push_back(&e);
    }
    if (chosen.empty())
        throw BundleError("enterprise '" + enterprise->name +
                          "' has no accepted, signed inspection in effect to bundle");

    ZipWriter zip(out);
    zip.addText(std::string(bundle::kReadme), kReadme);
    zip.addText(std::string(bundle::kTreeHead), Json(*evidence.head).dump(2) + "\n");
    zip.addText(std::string(bundle::kOfficeKey), evidence.office_public_key + "\n");
    Json inspections = Json::array();
    std::set<std::string> devices, blobs;
    for (const EvidenceInspection *e : chosen) {
        // What the database holds goes in as it is, even when it no longer reads: the bundle
        // shows an edited record to fieldproof-verify instead of hiding it.
        std::optional<Json> data;
        std::optional<EvidenceStatement> statement;
        std::string kind;
        std::set<std::string> named;
        try {
            data = parseJson(e->data);
            kind = data->at("inspection").value("kind", "");
            named = blobsOf(*data);
        } catch (const std::exception &) {
        }
        try {
            statement = decode<EvidenceStatement>(parseJson(e->statement), "statement");
        } catch (const std::exception &) {
        }
        if (statement && bundle::safeName(statement->device_id))
            devices.insert(statement->device_id);
        zip.addText(bundle::inspectionPath(e->id, "data.json"), e->data);
        if (data) {
            blobs.insert(named.begin(), named.end());
            zip.addText(bundle::inspectionPath(e->id, "canonical.json"), canonicalJson(*data));
        }
        zip.addText(bundle::inspectionPath(e->id, "statement.json"), e->statement);
        zip.addText(bundle::inspectionPath(e->id, "signature.txt"), e->signature + "\n");
        zip.addText(bundle::inspectionPath(e->id, "proof.json"), Json(e->proof).dump(2) + "\n");
        const std::string hash = sha256Hex(e->statement); // the statement hash of its bytes
        inspections.push_back(Json{{"id", e->id},
                                   {"kind", kind},
                                   {"device_id", statement ? statement->device_id : ""},
                                   {"seq", statement ? statement->seq : 0},
                                   {"statement_hash", hash},
                                   {"verification_code", bundle::verificationCode(hash)}});
        summary.inspections.push_back(e->id);
    }
    for (const auto &device : devices) {
        const auto key = evidence.device_keys.find(device);
        if (key == evidence.device_keys.end())
            throw BundleError("the office holds no public key of device '" + device + "'");
        zip.addText(bundle::deviceKeyPath(device), key->second + "\n");
    }
    for (const auto &sha : blobs) {
        if (!isSha256Hex(sha))
            throw BundleError("an inspection names blob '" + sha + "', not a SHA-256");
        const auto size = held.size(sha);
        if (!size)
            throw BundleError("the office does not hold blob " + sha);
        zip.addBlob(bundle::blobPath(sha), *size, [&held, sha] { return held.open(sha); });
    }
    summary.blobs = static_cast<std::int64_t>(blobs.size());
    const Json manifest{{"format", bundle::kFormat},
                        {"created_at", createdAt},
                        {"enterprise",
                         {{"id", enterprise->id},
                          {"name", enterprise->name},
                          {"credit_code", enterprise->credit_code}}},
                        {"tree_size", evidence.head->tree_size},
                        {"inspections", inspections},
                        {"blobs", blobs}};
    zip.addText(std::string(bundle::kManifest), manifest.dump(2) + "\n");
    zip.close();
    return summary;
}

} // namespace fp
