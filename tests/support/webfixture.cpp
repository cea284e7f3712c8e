#include "webfixture.h"

#include "client/simulate/jpegfile.h"
#include "core/sha256.h"
#include "core/validation.h"
#include "testdata.h"

#include <QBuffer>
#include <QFile>
#include <QtTest>

#include <fstream>
#include <iterator>

namespace fp::test {

std::string errorOf(const HttpResult &r)
{
    const auto j = r.json();
    return j.is_object() ? j.value("error", "(no error key)") : "(not JSON: " + r.body + ")";
}

std::string messageOf(const HttpResult &r)
{
    const auto j = r.json();
    return j.is_object() ? j.value("message", "") : std::string();
}

PlanSums samplePlanSums()
{
    QFile f(samplePlan());
    PlanSums s;
    if (!f.open(QIODevice::ReadOnly))
        return s;
    const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
    for (int i = 1; i < lines.size(); ++i) {
        const QStringList c = lines[i].trimmed().split(',');
        if (c.size() < 12 || c[3].isEmpty())
            continue;
        s.codes.insert(c[3]);
        ++s.rows;
        s.units += c[10].toDouble();
        s.capacity += c[11].toDouble();
    }
    return s;
}

/// POST /api/v1/devices/enroll as a tablet does.
HttpResult enrollWith(const std::string &baseUrl, const std::string &username,
                      const std::string &password)
{
    HttpClient http(baseUrl);
    return http.postJson("/api/v1/devices/enroll", Json{{"username", username},
                                                        {"password", password},
                                                        {"device_name", "tablet of " + username}}
                                                       .dump());
}

Json cardForm(const std::string &enterpriseId, const std::string &standard,
              const std::string &level, const std::string &department, const std::string &issuedOn)
{
    return Json{{"enterprise_id", enterpriseId},
                {"standard", standard},
                {"level", level},
                {"department", department},
                {"issued_on", issuedOn}};
}

Json rowWhere(const Json &rows, const char *key, const std::string &value)
{
    for (const auto &row : rows) {
        if (row.is_object() && row.contains(key) && row[key] == value)
            return row;
    }
    return Json();
}

std::string freshCreditCode(const std::string &stem)
{
    for (const char org : std::string("0123456789X")) {
        const std::string first17 = stem + org;
        std::string code = first17 + creditCodeCheckChar(first17);
        if (isValidCreditCode(code))
            return code;
    }
    return {};
}

std::string badFieldProblem(WebClient &web, const std::string &path, const Json &good,
                            const std::vector<BadField> &cases)
{
    for (const auto &c : cases) {
        Json body = good;
        body[c.key] = c.value;
        const auto r = web.postJson(path, body.dump());
        if (r.status != c.status || messageOf(r).find(c.names) == std::string::npos)
            return std::string(c.names) + ": " + std::to_string(r.status) + " " + r.body;
    }
    return {};
}

/// The account named `username` in a GET /accounts answer, or null.
Json accountIn(const HttpResult &r, const std::string &username)
{
    return rowWhere(r.json()["accounts"], "username", username);
}

/// The enterprise ids a device's pull from the start delivers.
std::set<std::string> pulledEnterprises(const std::string &baseUrl, const std::string &token)
{
    HttpClient http(baseUrl);
    http.setToken(token);
    std::set<std::string> out;
    std::string cursor;
    for (int page = 0; page < 100; ++page) {
        const auto j = http.get("/api/v1/sync/pull?limit=2000&cursor=" + cursor).json();
        if (!j.is_object())
            break;
        for (const auto &item : j["items"]) {
            if (item["type"] == "enterprise" && item["data"].is_object())
                out.insert(item["data"]["id"].get<std::string>());
        }
        cursor = j["cursor"].get<std::string>();
        if (!j["more"].get<bool>())
            break;
    }
    return out;
}

std::string isoDay(int days)
{
    return QDate::currentDate().addDays(days).toString(Qt::ISODate).toStdString();
}

std::string readFile(const QString &path)
{
    std::ifstream in(path.toStdString(), std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

/// `image` as a file of `format` ("JPEG", "PNG") in memory.
std::string encoded(const QImage &image, const char *format, int quality)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, format, quality))
        qWarning("cannot encode a test %s", format);
    return bytes.toStdString();
}

QImage decodedJpeg(const std::string &bytes)
{
    return QImage::fromData(reinterpret_cast<const uchar *>(bytes.data()),
                            static_cast<int>(bytes.size()), "JPEG");
}

void WebFixture::initWeb()
{
    QVERIFY2(m_office.setUp(), qPrintable(m_office.error()));
    m_tiancheng = m_office.enterpriseId(ApiFixture::kTianchengCode);
    QVERIFY(!m_tiancheng.empty());
    m_item = m_office.equipmentOf(m_tiancheng).front();
    // A real JPEG, as a tablet's camera pipeline would upload it.
    const QString jpeg = m_office.tempPath() + "/photo.jpg";
    sim::writeJpeg(jpeg.toStdString(), 320, 240, 42);
    m_photo = readFile(jpeg);
    QVERIFY(m_photo.size() > 1000);
    m_inspection = pushFinal();
    const auto run = m_office.cli({"user", "add", "--username", "admin", "--role", "admin"},
                                  QByteArray(ApiFixture::kPassword) + "\n");
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
}

WebClient WebFixture::office() const
{
    return signedIn("office");
}

WebClient WebFixture::admin() const
{
    return signedIn("admin");
}

WebClient WebFixture::signedIn(const char *username) const
{
    WebClient web(m_office.baseUrl());
    const auto r = web.login(username, ApiFixture::kPassword);
    if (r.status != 200)
        qWarning("%s sign-in failed: %ld %s", username, r.status, r.body.c_str());
    return web;
}

bool WebFixture::addInspector(const std::string &username, const std::string &password,
                              const std::string &region)
{
    const Json body{{"username", username},
                    {"role", "inspector"},
                    {"password", password},
                    {"regions", {region}}};
    const auto r = admin().postJson("/api/v1/web/accounts", body.dump());
    if (r.status != 201)
        qWarning("adding inspector %s failed: %ld %s", username.c_str(), r.status, r.body.c_str());
    return r.status == 201;
}

/// zhang's tablet uploads the photo and pushes a final exit inspection of a Tiancheng item.
std::string WebFixture::pushFinal()
{
    const auto device = m_office.enroll("zhang");
    HttpClient http(m_office.baseUrl());
    http.setToken(device.token);
    const std::string sha = sha256Hex(m_photo);
    const long put = http.put("/api/v1/blobs/" + sha, m_photo).status;
    if (put != 201 && put != 200) // 200: the office holds it from an earlier push
        return {};
    const auto bundle =
        finalDismantledBundle(m_tiancheng, m_item, sha, std::int64_t(m_photo.size()));
    const auto r = http.postJson("/api/v1/sync/push", pushBody(device.id, {pushItem(bundle, 1)}));
    if (r.status != 200 || r.json()["results"][0]["status"] != "stored") {
        qWarning("push of a final inspection failed: %ld %s", r.status, r.body.c_str());
        return {};
    }
    return bundle.inspection.id;
}

std::string WebFixture::upload(const std::string &bytes)
{
    if (m_uploadToken.empty())
        m_uploadToken = m_office.enroll("zhang").token;
    HttpClient http(m_office.baseUrl());
    http.setToken(m_uploadToken);
    std::string sha = sha256Hex(bytes);
    const auto r = http.put("/api/v1/blobs/" + sha, bytes);
    if (r.status != 201)
        qWarning("upload failed: %ld %s", r.status, r.body.c_str());
    return sha;
}

} // namespace fp::test
