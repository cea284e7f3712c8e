#pragma once
// Shared by the planio tests: the sample plan sheet, a header line, and tools to recode text.

#include "server/planio/plansheet.h"

#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtCore/QString>
#include <QtTest/QTest>

namespace plantest {

inline const QByteArray kHeader =
    "序号,属地,企业名称,统一社会信用代码,行业,法定代表人,联系电话,企业地址,设备名称,规格型号,"
    "数量(台/条),产能(万吨/年),淘汰方式,计划完成时间\n";

// Valid credit codes from data/plan-sample.csv.
inline const QByteArray kCodeA = "91210381G6P2UGEH1D";
inline const QByteArray kCodeB = "91210381GRGBN92L9Y";
inline const QByteArray kCodeC = "91210381W9P5KK1L8A";

inline QString sourceDir()
{
    const QString fromEnv = qEnvironmentVariable("FIELDPROOF_SOURCE_DIR");
    return fromEnv.isEmpty() ? QStringLiteral(FIELDPROOF_DEFAULT_SOURCE_DIR) : fromEnv;
}

inline QByteArray readSample()
{
    QFile file(sourceDir() + QStringLiteral("/data/plan-sample.csv"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    return file.readAll();
}

/// `utf8` recoded by the iconv tool (independent of the library's use of iconv(3)).
inline QByteArray recode(const QByteArray &utf8, const QString &to)
{
    QProcess iconv;
    iconv.start(QStringLiteral("iconv"),
                {QStringLiteral("-f"), QStringLiteral("UTF-8"), QStringLiteral("-t"), to});
    if (!iconv.waitForStarted())
        qFatal("cannot start iconv");
    iconv.write(utf8);
    iconv.closeWriteChannel();
    iconv.waitForFinished(30000);
    if (iconv.exitStatus() != QProcess::NormalExit || iconv.exitCode() != 0)
        qFatal("iconv -t %s failed: %s", qPrintable(to), iconv.readAllStandardError().constData());
    return iconv.readAllStandardOutput();
}

inline std::string_view view(const QByteArray &bytes)
{
    return {bytes.constData(), static_cast<std::size_t>(bytes.size())};
}

inline fp::PlanSheet parse(const QByteArray &bytes)
{
    return fp::parsePlanSheet(view(bytes));
}

/// Every field of a row in one string, so that QCOMPARE shows what differs.
inline QString describe(const fp::PlanRow &r)
{
    const auto s = [](const std::string &v) { return QString::fromStdString(v); };
    return QStringLiteral("%1|%2|%3|%4|%5|%6|%7|%8|%9|%10|%11|%12 %13|%14|%15")
        .arg(r.line)
        .arg(s(r.region_name), s(r.enterprise_name), s(r.credit_code), s(r.industry),
             s(r.legal_representative), s(r.contact_phone), s(r.address), s(r.equipment_kind))
        .arg(s(r.spec))
        .arg(r.count)
        .arg(r.capacity.value, 0, 'g', 15)
        .arg(s(r.capacity.unit), s(std::string(fp::enumName(r.action))), s(r.deadline));
}

inline QStringList describeAll(const fp::PlanSheet &sheet)
{
    QStringList out;
    for (const auto &r : sheet.rows)
        out << describe(r);
    return out;
}

inline QStringList errorsOf(const fp::PlanSheet &sheet)
{
    QStringList out;
    for (const auto &e : sheet.errors)
        out << QString::number(e.line) + QStringLiteral(" => ") + QString::fromStdString(e.reason);
    return out;
}

} // namespace plantest
