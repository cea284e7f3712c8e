#pragma once

#include <QObject>
#include <QString>

#include <memory>

namespace fp {
class AppStore;
namespace test {
class ServerProcess;
}
} // namespace fp

namespace fp::test {

/// What the QML test needs beyond the app: the real office server with its demo data, and a
/// look into the device store to check what the UI saved.
class TestProbe : public QObject
{
    Q_OBJECT

  public:
    TestProbe(AppStore &store, QString workDir, QObject *parent = nullptr);
    ~TestProbe() override;

    /// Starts fieldproof-server with `demo` data on an ephemeral port (once: later calls get the
    /// running one); returns its URL or "".
    Q_INVOKABLE QString startServer();
    /// Visits on the device in `state` ("draft" or "final").
    Q_INVOKABLE int visitCount(const QString &state) const;
    /// Seal numbers, photo tags and finding of the one final visit, as text for comparison.
    Q_INVOKABLE QString finalVisitSummary() const;
    /// Photos on the device (every visit).
    Q_INVOKABLE int photoCount() const;
    /// Files in the device's photo folder (photos and signatures, by hash).
    Q_INVOKABLE int storedFileCount() const;
    /// FIELDPROOF_TEST_OUTPUT: where a test saves what it shows for a person to look at ("").
    Q_INVOKABLE QString outputDir() const;
    /// Visits waiting in the outbox.
    Q_INVOKABLE int pending() const;

  private:
    AppStore &m_store;
    QString m_workDir;
    std::unique_ptr<ServerProcess> m_server;
};

} // namespace fp::test
