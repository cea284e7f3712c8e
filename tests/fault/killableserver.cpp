#include "killableserver.h"

#include "officedatabase.h"
#include "serverprocess.h"

#include <QDeadlineTimer>

#include <csignal>
#include <sys/prctl.h>

namespace fp::test {

KillableServer::KillableServer(QString dataDir, std::uint16_t port)
    : m_dataDir(std::move(dataDir)), m_port(port)
{
}

KillableServer::~KillableServer()
{
    if (isRunning())
        kill();
}

bool KillableServer::start()
{
    m_process = std::make_unique<QProcess>();
    m_process->setStandardErrorFile(logFile(), QIODevice::Append);
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    m_process->start(serverBinary(),
                     QStringList{"serve", "--listen", "127.0.0.1:" + QString::number(m_port),
                                 "--data", m_dataDir} +
                         officeDatabaseArgs(m_dataDir));
    if (!m_process->waitForStarted(20000)) {
        m_error = "the server did not start: " + m_process->errorString();
        return false;
    }
    QByteArray out;
    const QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired() && m_process->waitForReadyRead(int(deadline.remainingTime()))) {
        out += m_process->readAllStandardOutput();
        if (out.contains("listening on"))
            return true;
    }
    m_error = "the server did not say it listens; stdout: " + QString::fromUtf8(out);
    return false;
}

void KillableServer::kill()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(10000);
}

bool KillableServer::stop()
{
    if (!isRunning())
        return false;
    m_process->terminate();
    if (!m_process->waitForFinished(20000)) {
        kill();
        return false;
    }
    return m_process->exitStatus() == QProcess::NormalExit && m_process->exitCode() == 0;
}

bool KillableServer::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

} // namespace fp::test
