// Qt Quick Test of the tablet app: the real QML (module FieldProof.Ui) over the real services,
// offscreen, against the real fieldproof-server started by the test.

#include "app/appoptions.h"
#include "app/appservices.h"
#include "appfixture.h"
#include "devicefixture.h"
#include "testprobe.h"

#include <QDir>
#include <QQmlEngine>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(FieldProofPlugin)
Q_IMPORT_QML_PLUGIN(FieldProof_UiPlugin)

class Setup : public QObject
{
    Q_OBJECT

  public Q_SLOTS:
    void applicationAvailable()
    {
        fp::AppServices::configureGui();
        // Photos to import: there is no camera here, so the app must offer files.
        const QString photos = m_dir.filePath(QStringLiteral("photos"));
        QDir().mkpath(photos);
        fp::test::writeJpeg(photos + QStringLiteral("/seal.jpg"), 1600, 1200, Qt::darkRed,
                            Qt::gray);
        fp::test::writeJpeg(photos + QStringLiteral("/power.jpg"), 1200, 1600, Qt::darkBlue,
                            Qt::gray);
        fp::test::writeJpeg(photos + QStringLiteral("/letter.jpg"), 1200, 1600, Qt::white,
                            Qt::lightGray);
        fp::test::writeJpeg(photos + QStringLiteral("/site.jpg"), 1600, 1200, Qt::darkGreen,
                            Qt::gray);
        const fp::AppOptions options =
            fp::test::sampleTabletOptions(m_dir.filePath(QStringLiteral("tablet")), photos);
        m_services = std::make_unique<fp::AppServices>(options);
        m_probe = std::make_unique<fp::test::TestProbe>(m_services->store(), m_dir.path());
    }
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        m_services->attach(*engine);
        qmlRegisterSingletonInstance("FieldProofTest", 1, 0, "Probe", m_probe.get());
    }
    void cleanupTestCase()
    {
        m_probe.reset();
        m_services.reset();
    }

  private:
    QTemporaryDir m_dir;
    std::unique_ptr<fp::AppServices> m_services;
    std::unique_ptr<fp::test::TestProbe> m_probe;
};

QUICK_TEST_MAIN_WITH_SETUP(fieldproof_qml, Setup)
#include "quicktestmain.moc"
