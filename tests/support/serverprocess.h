#pragma once
// The real fieldproof-server binary as a child process: `serve` on an ephemeral 127.0.0.1
// port with a temporary data directory, or one admin command run to completion.

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>

namespace fp::test {

/// Path of the fieldproof-server binary under test.
QString serverBinary();

/// One finished admin command.
struct CliRun
{
    int exitCode = -1; // -1: did not finish in time or crashed
    QString out;
    QString err;
};
/// Runs `program args...` with `input` on stdin; waits at most 120 s.
CliRun runProgram(const QString &program, const QStringList &args, const QByteArray &input = {});
/// Runs `fieldproof-server args...` with `input` on stdin; waits at most 120 s.
CliRun runServerCli(const QStringList &args, const QByteArray &input = {});

/// A self-signed certificate for 127.0.0.1 and its key, for `serve --tls-cert --tls-key`; the
/// certificate is also the CA a client must pin.
struct TestCertificate
{
    QString cert;
    QString key;
    QString error; // why it was not made; empty when it was
};
/// Whether the openssl command is installed (tests that need a certificate skip without it).
bool hasOpenssl();
/// Makes cert.pem and key.pem in `dir` with the openssl command (independent of the server's
/// TLS library use).
TestCertificate makeTestCertificate(const QString &dir);

/// Starts `fieldproof-server args...` (a `serve`) in `process`, its stderr appended to `logFile`
/// and SIGTERM to it when the test dies, and waits at most 20 s for the line that says where it
/// listens; that URL ("http(s)://127.0.0.1:PORT"), or "" with the reason in `error`.
QString startServe(QProcess &process, const QStringList &args, const QString &logFile,
                   QString &error);
/// SIGTERM to a server started by startServe(), then waits at most 20 s (and SIGKILLs it after
/// that); its exit code, -1 when it had to be killed or did not exit by itself.
int stopServe(QProcess &process);

class ServerProcess
{
  public:
    explicit ServerProcess(QString dataDir);
    ~ServerProcess();

    /// Starts `serve --listen 127.0.0.1:0 --data DIR extra...` (with --database on PostgreSQL,
    /// officedatabase.h) and waits (at most 20 s) for
    /// the line that names the port. False, with the reason in errorText(), otherwise.
    bool start(const QStringList &extra = {});
    /// SIGTERM, then waits at most 20 s; the exit code (-1 if it had to be killed).
    int stop();
    bool isRunning() const;

    QString baseUrl() const { return m_baseUrl; }
    qint64 pid() const { return m_process ? m_process->processId() : 0; }
    QString errorText() const { return m_error; }
    /// Everything the server logged so far (its stderr goes to DIR.log).
    QString log() const;
    QString logFile() const;

  private:
    QString m_dataDir;
    std::unique_ptr<QProcess> m_process;
    QString m_baseUrl;
    QString m_error;
};

} // namespace fp::test
