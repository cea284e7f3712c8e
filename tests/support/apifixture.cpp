#include "apifixture.h"

#include "core/ids.h"
#include "core/json.h"
#include "devicesigner.h"

#include <QTest>

namespace fp::test {

std::string firstResultField(const std::string &field, const HttpResult &r)
{
    const auto j = r.json();
    if (!j.is_object() || !j.contains("results") || !j["results"].is_array() ||
        j["results"].empty())
        return "(no result: " + r.body + ")";
    return j["results"][0].value(field, "");
}

std::string randomContent(std::size_t n, QRandomGenerator &rng)
{
    std::string s(n, '\0');
    for (auto &c : s)
        c = char(rng.bounded(256));
    return s;
}

bool ApiFixture::setUp(const QStringList &serveExtra)
{
    const std::vector<OfficeAccount> accounts{{"zhang", "inspector", {kMafeng}},
                                              {"wang", "inspector", {kMafeng}},
                                              {"li", "inspector", {kGanwang}},
                                              {"office", "office", {}}};
    return setUpOffice(accounts, kPassword, serveExtra) && loadIds();
}

Json ApiFixture::pushAsIs(const EnrolledDevice &device, const Json &item) const
{
    HttpClient http(baseUrl());
    http.setToken(device.token);
    const Json body{{"device_id", device.id}, {"batch_id", newId()}, {"items", {item}}};
    const auto r = http.postJson("/api/v1/sync/push", body.dump());
    if (r.status != 200) {
        qWarning("push answered %ld %s", r.status, r.body.substr(0, 400).c_str());
        return {};
    }
    return r.json()["results"][0];
}

EnrolledDevice ApiFixture::enroll(const std::string &username)
{
    HttpClient http(baseUrl());
    auto signer = std::make_unique<DeviceSigner>();
    const Json body{{"username", username},
                    {"password", kPassword},
                    {"device_name", "test tablet of " + username},
                    {"public_key", signer->publicKeyHex()}};
    const auto r = http.postJson("/api/v1/devices/enroll", body.dump());
    if (r.status != 200)
        QTest::qFail(("enrol failed: " + std::to_string(r.status) + " " + r.body).c_str(), __FILE__,
                     __LINE__);
    const auto j = r.json();
    if (!j.is_object() || !j.contains("token"))
        return {};
    const std::string id = j["device_id"].get<std::string>();
    registerSigner(id, std::move(signer));
    return EnrolledDevice{id, j["token"].get<std::string>()};
}

bool ApiFixture::loadIds()
{
    const EnrolledDevice office = enroll("office");
    HttpClient http(baseUrl());
    http.setToken(office.token);
    std::string cursor;
    for (int page = 0; page < 100; ++page) {
        const auto r = http.get("/api/v1/sync/pull?limit=2000&cursor=" + cursor);
        if (r.status != 200) {
            m_error = QString::fromStdString("pull as office failed: " + r.body);
            return false;
        }
        const auto j = r.json();
        for (const auto &item : j["items"]) {
            const auto &d = item["data"];
            if (item["type"] == "enterprise")
                m_enterprises[d["credit_code"]] = d["id"];
            else if (item["type"] == "equipment")
                m_equipment[d["enterprise_id"]].push_back(d["id"]);
        }
        cursor = j["cursor"].get<std::string>();
        if (!j["more"].get<bool>())
            return true;
    }
    m_error = "the office pull never ended";
    return false;
}

std::string ApiFixture::enterpriseId(const std::string &creditCode) const
{
    const auto it = m_enterprises.find(creditCode);
    return it == m_enterprises.end() ? std::string() : it->second;
}

std::vector<std::string> ApiFixture::equipmentOf(const std::string &enterpriseId) const
{
    const auto it = m_equipment.find(enterpriseId);
    return it == m_equipment.end() ? std::vector<std::string>{} : it->second;
}

} // namespace fp::test
