// The canonical JSON form and the signed statement byte for byte (docs/protocol.md). Every
// expected string here was written by hand, or (the signature) computed by an independent
// Ed25519 implementation (Python's cryptography package), never by the code under test.

#include "core/error.h"
#include "core/sha256.h"
#include "crypto/canonicaljson.h"
#include "crypto/ed25519.h"
#include "crypto/statement.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace fp;

Q_DECLARE_METATYPE(std::string)

namespace {

// RFC 8032 §7.1, TEST 1.
constexpr const char *kSeed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
constexpr const char *kPublic = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
constexpr const char *kEmptySignature =
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9"
    "b46bd25bf5f0595bbe24655141438e7a100b";

EvidenceStatement exampleStatement()
{
    EvidenceStatement st;
    st.device_id = "dev-1";
    st.seq = 2;
    st.prev_hash = sha256Hex("previous");
    st.inspection_id = "insp-1";
    st.inspection_version = 3;
    st.content_hash = sha256Hex(R"({"a":1})");
    return st;
}

} // namespace

class TestCanonicalJson : public QObject
{
    Q_OBJECT

  private slots:
    void vectors_data();
    void vectors();
    void numbers_data();
    void numbers();
    void refusesWhatHasNoForm_data();
    void refusesWhatHasNoForm();
    void ed25519KnownAnswer();
    void statementBytesAndSignature();
    void tamperedStatementFailsVerification();
    void statementDecodingIsStrict_data();
    void statementDecodingIsStrict();
    void chainHashes();
};

void TestCanonicalJson::vectors_data()
{
    QTest::addColumn<std::string>("input");
    QTest::addColumn<std::string>("expected");
    QTest::newRow("key order, no whitespace")
        << std::string(R"({ "b" : 1, "a" : "x", "c" : [ true, false, null ] })")
        << std::string(R"({"a":"x","b":1,"c":[true,false,null]})");
    QTest::newRow("Chinese keys and text stay raw UTF-8")
        << std::string(R"({"名称":"马风镇 钢铁厂","id":"e1"})")
        << std::string(R"({"id":"e1","名称":"马风镇 钢铁厂"})");
    QTest::newRow("escaped input is written raw")
        << std::string(R"({"a":"\u00e9\u9a6c\/"})") << std::string("{\"a\":\"é马/\"}");
    QTest::newRow("escapes") << std::string(R"(["\"\\\n\t\b\f\r\u0001\u001f\u007f\u2028"])")
                             << std::string(
                                    "[\"\\\"\\\\\\n\\t\\b\\f\\r\\u0001\\u001f\x7f\u2028\"]");
    QTest::newRow("nesting") << std::string(R"({"z":{"b":[1,{"d":2,"c":3}],"a":{}},"y":[]})")
                             << std::string(R"({"y":[],"z":{"a":{},"b":[1,{"c":3,"d":2}]}})");
    // UTF-8 byte order, not RFC 8785's UTF-16 order: U+FB01 (EF AC 81) sorts before U+1F600
    // (F0 9F 98 80), where UTF-16 would put the surrogate pair D83D first; shorter key first on
    // a common prefix; upper case (0x41) before lower case (0x61).
    QTest::newRow("key order by UTF-8 bytes")
        << std::string("{\"\xF0\x9F\x98\x80\":1,\"\xEF\xAC\x81\":2,\"aa\":3,\"a\":4,\"A\":5,"
                       "\"\xC3\xA9\":6,\"b\":7}")
        << std::string("{\"A\":5,\"a\":4,\"aa\":3,\"b\":7,\"\xC3\xA9\":6,\"\xEF\xAC\x81\":2,"
                       "\"\xF0\x9F\x98\x80\":1}");
    QTest::newRow("number spellings (docs/protocol.md)")
        << std::string("[0.1e1, 1E21, 0.30000000000000004, -0.0, -0, 7e0]")
        << std::string("[1,1e+21,0.30000000000000004,0,0,7]");
    QTest::newRow("empty containers and string")
        << std::string(R"({"":[],"x":{},"y":""})") << std::string(R"({"":[],"x":{},"y":""})");
}

void TestCanonicalJson::vectors()
{
    QFETCH(std::string, input);
    QFETCH(std::string, expected);
    const std::string out = canonicalJson(parseJson(input));
    QCOMPARE(QByteArray::fromStdString(out), QByteArray::fromStdString(expected));
    // Canonical text reads back to the same canonical text.
    QCOMPARE(canonicalJson(parseJson(out)), out);
}

void TestCanonicalJson::numbers_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<std::string>("expected");
    // ECMAScript Number::toString, as RFC 8785 Appendix B lists many of these.
    QTest::newRow("zero") << 0.0 << std::string("0");
    QTest::newRow("minus zero") << -0.0 << std::string("0");
    QTest::newRow("integral double") << 40.0 << std::string("40");
    QTest::newRow("half") << 0.5 << std::string("0.5");
    QTest::newRow("latitude") << 39.9 << std::string("39.9");
    QTest::newRow("longitude") << 121.45678 << std::string("121.45678");
    QTest::newRow("negative") << -12.25 << std::string("-12.25");
    QTest::newRow("0.1 + 0.2") << 0.1 + 0.2 << std::string("0.30000000000000004");
    QTest::newRow("1e20") << 1e20 << std::string("100000000000000000000");
    QTest::newRow("1e21") << 1e21 << std::string("1e+21");
    QTest::newRow("1e-6") << 1e-6 << std::string("0.000001");
    QTest::newRow("1e-7") << 1e-7 << std::string("1e-7");
    QTest::newRow("1.5e300") << 1.5e300 << std::string("1.5e+300");
    QTest::newRow("smallest") << 5e-324 << std::string("5e-324");
    QTest::newRow("largest") << std::numeric_limits<double>::max()
                             << std::string("1.7976931348623157e+308");
    QTest::newRow("2^53") << 9007199254740992.0 << std::string("9007199254740992");
    QTest::newRow("333333333.3333333") << 333333333.3333333 << std::string("333333333.3333333");
}

void TestCanonicalJson::numbers()
{
    QFETCH(double, value);
    QFETCH(std::string, expected);
    QCOMPARE(canonicalJson(Json(value)), expected);
    QCOMPARE(canonicalJson(Json::array({value})), std::string("[").append(expected).append("]"));
    // Integers are written exactly, beyond 2^53 too.
    QCOMPARE(canonicalJson(Json(std::int64_t{-5})), std::string("-5"));
    QCOMPARE(canonicalJson(Json(std::int64_t{123456789012345678})),
             std::string("123456789012345678"));
    QCOMPARE(canonicalJson(Json(std::numeric_limits<std::uint64_t>::max())),
             std::string("18446744073709551615"));
}

void TestCanonicalJson::refusesWhatHasNoForm_data()
{
    QTest::addColumn<std::string>("bad"); // a string value with invalid UTF-8
    QTest::addColumn<QString>("path");
    QTest::newRow("0xFF") << std::string("\xFF") << "$.a[1]";
    QTest::newRow("overlong slash") << std::string("\xC0\xAF") << "$.a[1]";
    QTest::newRow("surrogate") << std::string("\xED\xA0\x80") << "$.a[1]";
    QTest::newRow("above U+10FFFF") << std::string("\xF4\x90\x80\x80") << "$.a[1]";
    QTest::newRow("cut short") << std::string("\xE9\xA9") << "$.a[1]";
}

void TestCanonicalJson::refusesWhatHasNoForm()
{
    QFETCH(std::string, bad);
    QFETCH(QString, path);
    Json j = Json::object();
    j["a"] = Json::array({1, bad});
    try {
        canonicalJson(j);
        QFAIL("invalid UTF-8 was written");
    } catch (const DecodeError &e) {
        QCOMPARE(QString::fromStdString(e.field()), path);
    }
    QVERIFY_THROWS_EXCEPTION(DecodeError, canonicalJson(Json(std::nan(""))));
    QVERIFY_THROWS_EXCEPTION(DecodeError,
                             canonicalJson(Json{{"x", std::numeric_limits<double>::infinity()}}));
}

void TestCanonicalJson::ed25519KnownAnswer()
{
    const crypto::KeyPair k = crypto::keyPairFromSeed(crypto::fromHex(kSeed));
    QCOMPARE(crypto::toHex(k.public_key), std::string(kPublic));
    QCOMPARE(crypto::toHex(crypto::sign("", k.secret_key)), std::string(kEmptySignature));
    QVERIFY(crypto::verify(crypto::fromHex(kEmptySignature), "", k.public_key));
    QVERIFY(!crypto::verify(crypto::fromHex(kEmptySignature), "x", k.public_key));
    QVERIFY(!crypto::verify("short", "", k.public_key));
    QVERIFY_THROWS_EXCEPTION(DecodeError, crypto::fromHex("abc"));
    QVERIFY_THROWS_EXCEPTION(DecodeError, crypto::fromHex("zz"));
}

void TestCanonicalJson::statementBytesAndSignature()
{
    const EvidenceStatement st = exampleStatement();
    const std::string expected =
        R"({"content_hash":"015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862",)"
        R"("device_id":"dev-1","format":"fieldproof-statement-v1","inspection_id":"insp-1",)"
        R"("inspection_version":3,)"
        R"("prev_hash":"6da0633528deaa0144e7b058315f0b753ec0b945163a72bf96a0d18180f9de0d",)"
        R"("seq":2})";
    QCOMPARE(canonicalBytes(st), expected);
    QCOMPARE(statementHash(st),
             std::string("865cbbedb57e38889aa1435084a3f91dc843bbfffd8be9750c64fd0514b24d4c"));
    const crypto::KeyPair k = crypto::keyPairFromSeed(crypto::fromHex(kSeed));
    const std::string signature = signStatement(st, k.secret_key);
    QCOMPARE(signature, std::string("8c8a2f121a42847dd74d83c5946186329bcbeef6655ee0f7febbd4016e0f65"
                                    "f59f82411df65578cb5e41bbd7e361217810e8e029d0f053b5fb2f6d197c5e"
                                    "360c"));
    QVERIFY(verifyStatement(st, signature, k.public_key));
    QCOMPARE(decode<EvidenceStatement>(parseJson(expected), "statement"), st);
}

void TestCanonicalJson::tamperedStatementFailsVerification()
{
    const crypto::KeyPair k = crypto::newKeyPair();
    const EvidenceStatement st = exampleStatement();
    const std::string signature = signStatement(st, k.secret_key);
    QVERIFY(verifyStatement(st, signature, k.public_key));

    std::vector<EvidenceStatement> changed(6, st);
    changed[0].device_id = "dev-2";
    changed[1].seq = 3;
    changed[2].prev_hash = std::string(kFirstPrevHash);
    changed[3].inspection_id = "insp-2";
    changed[4].inspection_version = 4;
    changed[5].content_hash = sha256Hex("other");
    for (const auto &c : changed)
        QVERIFY(!verifyStatement(c, signature, k.public_key));
    QVERIFY(!verifyStatement(st, signature, crypto::newKeyPair().public_key));
    std::string flipped = signature;
    flipped[10] = flipped[10] == '0' ? '1' : '0';
    QVERIFY(!verifyStatement(st, flipped, k.public_key));
    QVERIFY(!verifyStatement(st, signature.substr(2), k.public_key));
    QVERIFY(!verifyStatement(st, std::string(128, 'x'), k.public_key));
}

void TestCanonicalJson::statementDecodingIsStrict_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<std::string>("value"); // JSON text replacing the key's value
    QTest::addColumn<QString>("field");
    QTest::newRow("unknown format")
        << "format" << std::string(R"("fieldproof-statement-v2")") << "statement.format";
    QTest::newRow("seq 0") << "seq" << std::string("0") << "statement.seq";
    QTest::newRow("seq as text") << "seq" << std::string(R"("2")") << "statement.seq";
    QTest::newRow("upper-case hash")
        << "content_hash" << std::string("\"").append(64, 'A').append("\"")
        << "statement.content_hash";
    QTest::newRow("short prev_hash")
        << "prev_hash" << std::string(R"("00")") << "statement.prev_hash";
    QTest::newRow("version 0") << "inspection_version" << std::string("0")
                               << "statement.inspection_version";
    QTest::newRow("empty device") << "device_id" << std::string(R"("")") << "statement.device_id";
}

void TestCanonicalJson::statementDecodingIsStrict()
{
    QFETCH(QString, key);
    QFETCH(std::string, value);
    QFETCH(QString, field);
    Json j = exampleStatement();
    j[key.toStdString()] = parseJson(value);
    try {
        decode<EvidenceStatement>(j, "statement");
        QFAIL("a bad statement was decoded");
    } catch (const DecodeError &e) {
        QCOMPARE(QString::fromStdString(e.field()), field);
    }
    // The first statement of a chain names 64 zeros before it, and nothing else.
    Json first = exampleStatement();
    first["seq"] = 1;
    QVERIFY_THROWS_EXCEPTION(DecodeError, decode<EvidenceStatement>(first, "statement"));
    first["prev_hash"] = std::string(kFirstPrevHash);
    QCOMPARE(decode<EvidenceStatement>(first, "statement").seq, 1);
}

void TestCanonicalJson::chainHashes()
{
    // The content hash is the hash of the canonical bytes, whatever order or spacing came in.
    const Json a = parseJson(R"({"b":[1,2.5],"a":"马"})");
    const Json b = parseJson(" { \"a\" : \"\\u9a6c\" , \"b\" : [ 1 , 2.50 ] } ");
    QCOMPARE(contentHash(a), contentHash(b));
    QCOMPARE(contentHash(a), sha256Hex(R"({"a":"马","b":[1,2.5]})"));
    // A statement's hash is what the next one names as prev_hash.
    EvidenceStatement one = exampleStatement();
    one.seq = 1;
    one.prev_hash = std::string(kFirstPrevHash);
    EvidenceStatement two = exampleStatement();
    two.prev_hash = statementHash(one);
    QCOMPARE(two.prev_hash, sha256Hex(canonicalBytes(one)));
    QVERIFY(statementHash(two) != statementHash(one));
}

QTEST_GUILESS_MAIN(TestCanonicalJson)
#include "tst_canonicaljson.moc"
