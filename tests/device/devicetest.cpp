#include "devicetest.h"

#include "testimages.h"

#include <QTest>

#include <chrono>

namespace fp::test {

void DeviceStoreTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_clock = std::make_unique<ManualClock>(std::chrono::sys_days{std::chrono::year{2017} / 6 / 1} +
                                            std::chrono::hours{8});
}

void DeviceStoreTest::cleanup()
{
    m_dir.reset();
}

std::unique_ptr<DeviceStore> DeviceStoreTest::open()
{
    return std::make_unique<DeviceStore>(databaseFile(), m_dir->filePath("photos").toStdString(),
                                         *m_clock);
}

std::string DeviceStoreTest::databaseFile() const
{
    return m_dir->filePath("device.db").toStdString();
}

QString DeviceStoreTest::newShot()
{
    const QString file = m_dir->filePath(QString("shot-%1.jpg").arg(m_seed));
    return writeBlockJpeg(file, 320, 240, m_seed++) > 0 ? file : QString();
}

} // namespace fp::test
