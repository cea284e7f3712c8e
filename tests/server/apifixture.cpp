#include "apifixture.h"

#include "core/json.h"
#include "testdata.h"

#include <QTest>

namespace fp::test {

bool ApiFixture::setUp(const QStringList &serveExtra)
{
    if (!m_tmp.isValid()) {
        m_error = "no temporary directory";
        return false;
    }
    const CliRun import = cli({"import-plan", samplePlan()});
    if (import.exitCode != 0) {
        m_error = "import-plan failed: " + import.err;
        return false;
    }
    const struct
    {
        const char *name;
        const char *role;
        const char *region;
    } users[] = {{"zhang", "inspector", kMafeng},
                 {"wang", "inspector", kMafeng},
                 {"li", "inspector", kGanwang},
                 {"office", "office", nullptr}};
    for (const auto &u : users) {
        QStringList args{"user", "add", "--username", u.name, "--role", u.role};
        if (u.region)
            args << "--region" << QString::fromUtf8(u.region);
        const CliRun run = cli(args, QByteArray(kPassword) + "\n");
        if (run.exitCode != 0) {
            m_error = "user add failed: " + run.err;
            return false;
        }
    }
    m_server = std::make_unique<ServerProcess>(dataDir());
    if (!m_server->start(serveExtra)) {
        m_error = m_server->errorText();
        return false;
    }
    return loadIds();
}

EnrolledDevice ApiFixture::enroll(const std::string &username)
{
    HttpClient http(baseUrl());
    const Json body{{"username", username},
                    {"password", kPassword},
                    {"device_name", "test tablet of " + username}};
    const auto r = http.postJson("/api/v1/devices/enroll", body.dump());
    if (r.status != 200)
        QTest::qFail(("enrol failed: " + std::to_string(r.status) + " " + r.body).c_str(), __FILE__,
                     __LINE__);
    const auto j = r.json();
    if (!j.is_object() || !j.contains("token"))
        return {};
    return EnrolledDevice{j["device_id"].get<std::string>(), j["token"].get<std::string>()};
}

CliRun ApiFixture::cli(QStringList args, const QByteArray &input) const
{
    args << "--data" << dataDir();
    return runServerCli(args, input);
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
