#pragma once
// What the device store tests share: for each test function a new temporary folder and a
// manual clock standing at 2017-06-01 08:00, the store opened in that folder on that clock, and
// test JPEGs written there.

#include "core/clock.h"
#include "device/devicestore.h"

#include <QObject>
#include <QString>
#include <QTemporaryDir>

#include <memory>
#include <string>

namespace fp::test {

class DeviceStoreTest : public QObject
{
    Q_OBJECT

  protected:
    /// The store of this test function: device.db and photos/ in its folder, on its clock.
    std::unique_ptr<DeviceStore> open();
    /// The path of the store's database file (for a connection of the test's own).
    std::string databaseFile() const;
    /// A new 320×240 test JPEG in the folder, another picture at each call; "" when it could
    /// not be written.
    QString newShot();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ManualClock> m_clock;

  private slots:
    void init();
    void cleanup();

  private:
    quint32 m_seed = 1;
};

} // namespace fp::test
