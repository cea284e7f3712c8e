// Record ids (UUIDv7), SHA-256 and the timestamp format, checked against independent sources:
// RFC 9562's layout, FIPS 180-2 vectors, Qt's own SHA-256 and std::chrono's calendar.

#include "core/clock.h"
#include "core/error.h"
#include "core/ids.h"
#include "core/sha256.h"
#include "textrows.h"

#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <set>

using namespace fp;
using namespace std::chrono;

namespace {

TimePoint at(sys_days day, milliseconds sinceMidnight = {})
{
    return TimePoint(day) + sinceMidnight;
}

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

QString qtSha256(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

/// Deterministic bytes, so a failure reproduces.
QByteArray pattern(qsizetype size)
{
    QByteArray out(size, Qt::Uninitialized);
    quint32 x = 2463534242u;
    for (qsizetype i = 0; i < size; ++i) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        out[i] = char(x & 0xFF);
    }
    return out;
}

} // namespace

class TestIds : public QObject
{
    Q_OBJECT

  private slots:
    void newIdIsUuidV7();
    void versionAndVariantBits();
    void isUuidV7_data();
    void isUuidV7();
    void embeddedTimestamp_data();
    void embeddedTimestamp();
    void laterIdsSortAfter();
    void tenThousandUnique();
    void sha256Vectors_data();
    void sha256Vectors();
    void incrementalEqualsOneShot_data();
    void incrementalEqualsOneShot();
    void sha256File();
    void sha256FileMissing();
    void isSha256Hex_data();
    void isSha256Hex();
    void formatTimestamp_data();
    void formatTimestamp();
    void manualClockMoves();
};

void TestIds::newIdIsUuidV7()
{
    const std::string id = newId();
    QVERIFY2(fp::isUuidV7(id), id.c_str());
    QCOMPARE(id.size(), std::size_t(36));
}

void TestIds::versionAndVariantBits()
{
    const ManualClock clock(at(sys_days(2017y / June / 1)));
    for (int i = 0; i < 200; ++i) {
        const QString id = qs(newId(clock));
        bool ok = false;
        const uint version = id.mid(14, 1).toUInt(&ok, 16);
        QVERIFY(ok);
        QCOMPARE(version, 7u);
        const uint variant = id.mid(19, 1).toUInt(&ok, 16);
        QVERIFY(ok);
        QCOMPARE(variant >> 2, 0b10u); // RFC 9562 variant: top two bits 10
        QCOMPARE(id, id.toLower());
        for (int dash : {8, 13, 18, 23})
            QCOMPARE(id.at(dash), QChar('-'));
    }
}

void TestIds::isUuidV7_data()
{
    fp::test::addTextRowColumns();
    QTest::newRow("v7") << "0190b3a0-1c2d-7e3f-8a4b-5c6d7e8f9a0b" << true;
    QTest::newRow("v7 variant b") << "0190b3a0-1c2d-7e3f-bfff-5c6d7e8f9a0b" << true;
    QTest::newRow("uppercase") << "0190B3A0-1C2D-7E3F-8A4B-5C6D7E8F9A0B" << false;
    QTest::newRow("v4") << "0190b3a0-1c2d-4e3f-8a4b-5c6d7e8f9a0b" << false;
    QTest::newRow("variant c") << "0190b3a0-1c2d-7e3f-ca4b-5c6d7e8f9a0b" << false;
    QTest::newRow("variant 7") << "0190b3a0-1c2d-7e3f-7a4b-5c6d7e8f9a0b" << false;
    QTest::newRow("no dashes") << "0190b3a01c2d7e3f8a4b5c6d7e8f9a0b" << false;
    QTest::newRow("dash moved") << "0190b3a01-c2d-7e3f-8a4b-5c6d7e8f9a0b" << false;
    QTest::newRow("braces") << "{0190b3a0-1c2d-7e3f-8a4b-5c6d7e8f9a0b}" << false;
    QTest::newRow("short") << "0190b3a0-1c2d-7e3f-8a4b-5c6d7e8f9a0" << false;
    QTest::newRow("not hex") << "0190b3g0-1c2d-7e3f-8a4b-5c6d7e8f9a0b" << false;
    QTest::newRow("empty") << "" << false;
}

void TestIds::isUuidV7()
{
    fp::test::checkTextRow([](const std::string &text) { return fp::isUuidV7(text); });
}

void TestIds::embeddedTimestamp_data()
{
    QTest::addColumn<qint64>("ms"); // since the Unix epoch
    QTest::newRow("epoch") << qint64(0);
    QTest::newRow("one ms") << qint64(1);
    QTest::newRow("2017-06-01T08:30:00.123Z") << qint64(1496305800123);
    QTest::newRow("2016-02-29T23:59:59.999Z") << qint64(1456790399999);
    // system_clock counts nanoseconds in 64 bits, so it ends in 2262, long before 48-bit ms do.
    QTest::newRow("2199-12-31T23:59:59.999Z") << qint64(7258118399999);
}

void TestIds::embeddedTimestamp()
{
    QFETCH(qint64, ms);
    const ManualClock clock{TimePoint(milliseconds(ms))};
    const QString id = qs(newId(clock));
    bool ok = false;
    const qint64 embedded = (id.left(8) + id.mid(9, 4)).toLongLong(&ok, 16);
    QVERIFY(ok);
    QCOMPARE(embedded, ms);
}

void TestIds::laterIdsSortAfter()
{
    ManualClock clock(at(sys_days(2017y / October / 20), 8h));
    std::string previous = newId(clock);
    for (int i = 0; i < 1000; ++i) {
        clock.advance(milliseconds(1 + i % 7));
        const std::string next = newId(clock);
        QVERIFY2(previous < next, (previous + " !< " + next).c_str());
        previous = next;
    }
    clock.advance(hours(24 * 365));
    QVERIFY(previous < newId(clock));
}

void TestIds::tenThousandUnique()
{
    // All in the same millisecond: uniqueness rests on the random bits alone.
    const ManualClock clock(at(sys_days(2017y / October / 20)));
    std::set<std::string> ids;
    for (int i = 0; i < 10000; ++i)
        ids.insert(newId(clock));
    QCOMPARE(ids.size(), std::size_t(10000));
}

void TestIds::sha256Vectors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("digest");
    QTest::newRow("empty") << QByteArray()
                           << "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    QTest::newRow("abc") << QByteArray("abc")
                         << "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    QTest::newRow("448 bits") << QByteArray(
                                     "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                              << "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
    QTest::newRow("a million a")
        << QByteArray(1000000, 'a')
        << "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
}

void TestIds::sha256Vectors()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, digest);
    QCOMPARE(qs(sha256Hex(input.toStdString())), digest);
    QCOMPARE(qtSha256(input), digest); // the vector itself is right
}

void TestIds::incrementalEqualsOneShot_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("chunk");
    QTest::newRow("empty") << 0 << 1;
    QTest::newRow("bytewise") << 200 << 1;
    QTest::newRow("block minus one") << 1000 << 63;
    QTest::newRow("block") << 1000 << 64;
    QTest::newRow("odd chunks") << 100000 << 4093;
    QTest::newRow("one chunk") << 100000 << 100000;
}

void TestIds::incrementalEqualsOneShot()
{
    QFETCH(int, size);
    QFETCH(int, chunk);
    const QByteArray data = pattern(size);
    Sha256 h;
    for (int offset = 0; offset < size; offset += chunk)
        h.update(data.constData() + offset, std::size_t(std::min(chunk, size - offset)));
    const std::string incremental = h.hexDigest();
    QCOMPARE(qs(incremental), qs(sha256Hex(data.toStdString())));
    QCOMPARE(qs(incremental), qtSha256(data));
}

void TestIds::sha256File()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // Not a multiple of the read buffer, so the last partial read counts too.
    const QByteArray data = pattern(3 * 1024 * 1024 + 12345);
    const std::string path = dir.filePath("photo.jpg").toStdString();
    {
        std::ofstream out(path, std::ios::binary);
        out.write(data.constData(), data.size());
        QVERIFY(out.good());
    }
    QCOMPARE(qs(fp::sha256File(path)), qtSha256(data));

    const std::string empty = dir.filePath("empty").toStdString();
    std::ofstream{empty, std::ios::binary}.close();
    QCOMPARE(qs(fp::sha256File(empty)),
             QString("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
}

void TestIds::sha256FileMissing()
{
    QTemporaryDir dir;
    QVERIFY_THROWS_EXCEPTION(Error, fp::sha256File(dir.filePath("nope").toStdString()));
}

void TestIds::isSha256Hex_data()
{
    fp::test::addTextRowColumns();
    const QString abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    QTest::newRow("digest") << abc << true;
    QTest::newRow("uppercase") << abc.toUpper() << false;
    QTest::newRow("63 chars") << abc.left(63) << false;
    QTest::newRow("65 chars") << abc + "0" << false;
    QTest::newRow("not hex") << QString(abc).replace(0, 1, "g") << false;
    QTest::newRow("empty") << "" << false;
}

void TestIds::isSha256Hex()
{
    fp::test::checkTextRow([](const std::string &text) { return fp::isSha256Hex(text); });
}

void TestIds::formatTimestamp_data()
{
    QTest::addColumn<qint64>("ms"); // since the Unix epoch
    QTest::addColumn<QString>("timestamp");
    QTest::addColumn<QString>("date");
    const auto ms = [](sys_days day, milliseconds t) {
        return qint64(duration_cast<milliseconds>(at(day, t).time_since_epoch()).count());
    };
    QTest::newRow("epoch") << qint64(0) << "1970-01-01T00:00:00.000Z"
                           << "1970-01-01";
    QTest::newRow("ordinary") << ms(2017y / June / 1, 8h + 30min + 123ms)
                              << "2017-06-01T08:30:00.123Z"
                              << "2017-06-01";
    QTest::newRow("leap day, last ms")
        << ms(2016y / February / 29, 24h - 1ms) << "2016-02-29T23:59:59.999Z"
        << "2016-02-29";
    QTest::newRow("after leap day") << ms(2016y / March / 1, 0ms) << "2016-03-01T00:00:00.000Z"
                                    << "2016-03-01";
    QTest::newRow("millis padded")
        << ms(2017y / December / 31, 23h + 59min + 59s + 7ms) << "2017-12-31T23:59:59.007Z"
        << "2017-12-31";
    QTest::newRow("2000 leap day")
        << ms(2000y / February / 29, 12h + 40ms) << "2000-02-29T12:00:00.040Z"
        << "2000-02-29";
}

void TestIds::formatTimestamp()
{
    QFETCH(qint64, ms);
    QFETCH(QString, timestamp);
    QFETCH(QString, date);
    const ManualClock clock{TimePoint(milliseconds(ms))};
    QCOMPARE(qs(fp::formatTimestamp(clock.now())), timestamp);
    QCOMPARE(qs(fp::formatDate(clock.now())), date);
    // Sub-millisecond time is cut, never rounded up into the next millisecond.
    QCOMPARE(qs(fp::formatTimestamp(clock.now() + microseconds(999))), timestamp);
}

void TestIds::manualClockMoves()
{
    ManualClock clock(at(sys_days(2016y / February / 28), 23h + 59min + 59s + 999ms));
    clock.advance(1ms);
    QCOMPARE(qs(fp::formatTimestamp(clock.now())), QString("2016-02-29T00:00:00.000Z"));
    clock.set(at(sys_days(2017y / February / 28), 24h));
    QCOMPARE(qs(fp::formatTimestamp(clock.now())), QString("2017-03-01T00:00:00.000Z"));
}

QTEST_GUILESS_MAIN(TestIds)
#include "tst_ids.moc"
