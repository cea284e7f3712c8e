#include "serverprocess.h"

#include "officedatabase.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>

#include <csignal>

#include <sys/prctl.h>

namespace fp::test {

QString serverBinary()
{
    return QStringLiteral(FIELDPROOF_SERVER_BIN);
}

CliRun runServerCli(const QStringList &args, const QByteArray &input)
{
    return runProgram(serverBinary(), args, input);
}

bool hasOpenssl()
{
    return !QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty();
}

TestCertificate makeTestCertificate(const QString &dir)
{
    TestCertificate made{dir + "/cert.pem", dir + "/key.pem", {}};
    const CliRun run = runProgram(QStringLiteral("openssl"),
                                  {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                                   made.key, "-out", made.cert, "-days", "2", "-subj",
                                   "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"});
    if (run.exitCode != 0)
        made.error = "openssl req exited with " + QString::number(run.exitCode) + ": " + run.err;
    return made;
}

CliRun runProgram(const QString &program, const QStringList &args, const QByteArray &input)
{
    QProcess p;
    p.start(program, args);
    CliRun run;
    if (!p.waitForStarted(20000))
        return run;
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished(5000);
        return run;
    }
    run.out = QString::fromUtf8(p.readAllStandardOutput());
    run.err = QString::fromUtf8(p.readAllStandardError());
    run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return run;
}

ServerProcess::ServerProcess(QString dataDir) : m_dataDir(std::move(dataDir)) {}

ServerProcess::~ServerProcess()
{
    if (isRunning())
        stop();
}

QString startServe(QProcess &process, const QStringList &args, const QString &logFile,
                   QString &error)
{
    // To a file: a pipe nobody drains while the test blocks in libcurl would fill and stall
    // the server.
    process.setStandardErrorFile(logFile, QIODevice::Append);
    // If the test dies (a crash, a kill), the server gets SIGTERM instead of living on.
    process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    process.start(serverBinary(), args);
    if (!process.waitForStarted(20000)) {
        error = "the server did not start: " + process.errorString();
        return {};
    }
    static const QRegularExpression listening("listening on (https?://127\\.0\\.0\\.1:\\d+)");
    QByteArray out;
    const QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        if (!process.waitForReadyRead(int(deadline.remainingTime())))
            break;
        out += process.readAllStandardOutput();
        const auto m = listening.match(QString::fromUtf8(out));
        if (m.hasMatch())
            return m.captured(1);
    }
    QFile log(logFile);
    const QString logged = log.open(QIODevice::ReadOnly) ? QString::fromUtf8(log.readAll()) : "";
    error = "the server never said where it listens; stdout: " + QString::fromUtf8(out) +
            " log: " + logged.right(2000);
    return {};
}

int stopServe(QProcess &process)
{
    process.terminate();
    if (!process.waitForFinished(20000)) {
        process.kill();
        process.waitForFinished(5000);
        return -1;
    }
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

bool ServerProcess::start(const QStringList &extra)
{
    m_process = std::make_unique<QProcess>();
    QStringList args{"serve", "--listen", "127.0.0.1:0", "--data", m_dataDir};
    args += officeDatabaseArgs(m_dataDir);
    args += extra;
    m_baseUrl = startServe(*m_process, args, logFile(), m_error);
    return !m_baseUrl.isEmpty();
}

int ServerProcess::stop()
{
    return m_process ? stopServe(*m_process) : -1;
}

bool ServerProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

QString ServerProcess::logFile() const
{
    return m_dataDir + ".log";
}

QString ServerProcess::log() const
{
    QFile f(logFile());
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace fp::test
