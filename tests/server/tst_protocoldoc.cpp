// The examples of docs/protocol.md, sent to the real server as written (issue 17 item 4):
// every fenced block whose info string is `json example=NAME send=… expect=STATUS [sign]` is a
// request, and the block `json example=NAME answer` is what the office must answer (§5.4 of
// the doc gives the rules). A changed example that the office would answer differently fails.

#include "apifixture.h"
#include "testdata.h"

#include <QtTest>

#include <fstream>
#include <map>
#include <sstream>

using namespace fp;
using namespace fp::test;

namespace {

struct Block
{
    std::string name;
    std::map<std::string, std::string> attributes; // key=value; a bare word maps to ""
    std::string text;
    int line = 0;
};

/// Every fenced block of `markdown` whose info string is `json example=…` or `text example=…`
/// (a raw body, for blob uploads).
std::vector<Block> exampleBlocks(const std::string &markdown)
{
    std::vector<Block> out;
    std::istringstream in(markdown);
    std::string line;
    int number = 0;
    Block *open = nullptr;
    std::string indent;
    while (std::getline(in, line)) {
        ++number;
        const auto first = line.find_first_not_of(' ');
        const std::string trimmed = first == std::string::npos ? "" : line.substr(first);
        if (open) {
            if (trimmed == "```") {
                open = nullptr;
                continue;
            }
            open->text.append(line).append("\n");
            continue;
        }
        if (!trimmed.starts_with("```json example=") && !trimmed.starts_with("```text example="))
            continue;
        Block b;
        b.line = number;
        b.attributes["lang"] = trimmed.substr(3, 4);
        std::istringstream words(trimmed.substr(7));
        std::string word;
        while (words >> word) {
            const auto eq = word.find('=');
            b.attributes[word.substr(0, eq)] = eq == std::string::npos ? "" : word.substr(eq + 1);
        }
        b.name = b.attributes["example"];
        out.push_back(b);
        open = &out.back();
    }
    return out;
}

std::string replaceAll(std::string text, const std::string &from, const std::string &to)
{
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

/// Where `actual` differs from the documented `doc` (empty when it does not): the same keys in
/// every object, the same values, except a documented string with `…` (only presence counts).
std::string difference(const Json &doc, const Json &actual, const std::string &path)
{
    if (doc.is_string() && doc.get<std::string>().find("…") != std::string::npos) {
        const std::string known =
            doc.get<std::string>().substr(0, doc.get<std::string>().find("…"));
        if (!actual.is_string() || !actual.get<std::string>().starts_with(known))
            return path + ": documented as '" + doc.get<std::string>() + "', got " + actual.dump();
        return {};
    }
    if (doc.is_object()) {
        if (!actual.is_object())
            return path + ": documented an object, got " + actual.dump();
        for (const auto &[key, value] : doc.items()) {
            const std::string at = std::string(path).append(".").append(key);
            if (!actual.contains(key))
                return at + ": documented, but not in the answer " + actual.dump();
            if (auto d = difference(value, actual[key], at); !d.empty())
                return d;
        }
        for (const auto &[key, value] : actual.items()) {
            if (!doc.contains(key))
                return std::string(path).append(".").append(key).append(": in the answer (") +
                       value.dump() + ") but not documented";
        }
        return {};
    }
    if (doc.is_array()) {
        if (!actual.is_array() || actual.size() != doc.size())
            return path + ": documented " + doc.dump() + ", got " + actual.dump();
        for (std::size_t i = 0; i < doc.size(); ++i) {
            if (auto d = difference(doc[i], actual[i], path + "[" + std::to_string(i) + "]");
                !d.empty())
                return d;
        }
        return {};
    }
    if (doc != actual)
        return path + ": documented " + doc.dump() + ", got " + actual.dump();
    return {};
}

} // namespace

class TestProtocolDoc : public QObject
{
    Q_OBJECT

  private slots:
    void initTestCase();
    void examplesAreWhatTheOfficeAnswers();

  private:
    ApiFixture m_office;
};

void TestProtocolDoc::initTestCase()
{
    QVERIFY2(m_office.setUp(), qPrintable(m_office.error()));
}

void TestProtocolDoc::examplesAreWhatTheOfficeAnswers()
{
    // The file may be given (the test's own "does it fail" check runs it on a changed copy).
    const QString file = qEnvironmentVariableIsSet("FIELDPROOF_PROTOCOL_DOC")
                             ? qEnvironmentVariable("FIELDPROOF_PROTOCOL_DOC")
                             : sourceDir() + "/docs/protocol.md";
    std::ifstream in(file.toStdString(), std::ios::binary);
    QVERIFY2(in, qPrintable("cannot read " + file));
    const std::string markdown((std::istreambuf_iterator<char>(in)), {});
    const auto blocks = exampleBlocks(markdown);

    std::map<std::string, const Block *> requests;
    std::map<std::string, const Block *> answers;
    for (const auto &b : blocks) {
        auto &into = b.attributes.contains("answer") ? answers : requests;
        QVERIFY2(!b.name.empty(),
                 qPrintable(QString("line %1: an example without a name").arg(b.line)));
        QVERIFY2(into.emplace(b.name, &b).second,
                 qPrintable(QString::fromStdString("two examples named " + b.name)));
    }
    for (const auto &[name, block] : answers)
        QVERIFY2(requests.contains(name),
                 qPrintable(QString::fromStdString("answer " + name + " without a request")));
    // The doc's examples (a removed one must be removed here too).
    QVERIFY2(requests.size() >= 10, qPrintable(QString::number(requests.size())));

    const auto zhang = m_office.enroll("zhang");
    const std::string tiancheng = m_office.enterpriseId(ApiFixture::kTianchengCode);
    const std::vector<std::pair<std::string, std::string>> standIns = {
        {"01a214af-b08c-7a84-86a4-18631d59e68b", zhang.id},
        {"01a214af-989b-7ef8-a4c9-bd8c06ff98f3", tiancheng},
        {"01a214af-989f-793a-9fcd-436b61cabc8f", m_office.equipmentOf(tiancheng).front()},
        {"zhang-demo-2017", ApiFixture::kPassword},
    };
    HttpClient http(m_office.baseUrl());
    http.setToken(zhang.token);

    // In the order of the doc: later examples may rely on earlier ones.
    for (const auto &b : blocks) {
        if (b.attributes.contains("answer"))
            continue;
        const QString where = QString::fromStdString(b.name) + QString(" (line %1)").arg(b.line);
        std::string text = b.text;
        for (const auto &[from, to] : standIns)
            text = replaceAll(text, from, to);
        const bool raw = b.attributes.at("lang") == "text";
        const Json request = raw ? Json() : Json::parse(text, nullptr, false);
        QVERIFY2(!request.is_discarded(), qPrintable(where + ": not JSON"));
        const std::string send = b.attributes.at("send");
        HttpResult r;
        if (send == "put") {
            // The body is the block's text without its last line break.
            const std::string body = text.substr(0, text.size() - 1);
            std::vector<std::string> headers;
            if (b.attributes.contains("range"))
                headers.push_back("Content-Range: bytes " + b.attributes.at("range"));
            r = http.put("/api/v1/blobs/" + b.attributes.at("blob"), body, headers);
            if (b.attributes.contains("offset"))
                QVERIFY2(r.header("upload-offset") == b.attributes.at("offset"),
                         qPrintable(where + ": Upload-Offset " +
                                    QString::fromStdString(r.header("upload-offset"))));
        } else if (send == "pull") {
            std::string query;
            for (const auto &[key, value] : request.items())
                query.append(query.empty() ? "?" : "&")
                    .append(key)
                    .append("=")
                    .append(value.get<std::string>());
            r = http.get("/api/v1/sync/pull" + query);
        } else if (send == "enroll") {
            HttpClient anonymous(m_office.baseUrl());
            r = anonymous.postJson("/api/v1/devices/enroll", text);
        } else if (send == "push") {
            std::string body = text;
            if (b.attributes.contains("sign")) {
                QVERIFY2(request.value("device_id", "") == zhang.id,
                         qPrintable(where + ": only zhang's device signs"));
                body = pushBody(zhang.id, request["items"].get<std::vector<Json>>());
            }
            r = http.postJson("/api/v1/sync/push", body);
        } else {
            QFAIL(qPrintable(where + ": unknown send=" + QString::fromStdString(send)));
        }
        QVERIFY2(r.status == std::stol(b.attributes.at("expect")),
                 qPrintable(where +
                            QString(": HTTP %1, documented %2: ")
                                .arg(r.status)
                                .arg(QString::fromStdString(b.attributes.at("expect"))) +
                            QString::fromStdString(r.body)));
        if (const auto answer = answers.find(b.name); answer != answers.end()) {
            std::string expected = answer->second->text;
            for (const auto &[from, to] : standIns)
                expected = replaceAll(expected, from, to);
            const Json doc = Json::parse(expected, nullptr, false);
            QVERIFY2(!doc.is_discarded(), qPrintable(where + ": the answer is not JSON"));
            const std::string d = difference(doc, r.json(), "answer");
            QVERIFY2(d.empty(), qPrintable(where + ": " + QString::fromStdString(d)));
        }
        qInfo("%s: as documented", qPrintable(where));
    }
}

QTEST_GUILESS_MAIN(TestProtocolDoc)
#include "tst_protocoldoc.moc"
