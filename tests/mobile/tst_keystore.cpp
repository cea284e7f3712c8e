// The tablet's signing key in the platform keystore (issue 13 item 1), against a real one: the
// ctest entry tst_keystore runs this in its own D-Bus session with a GNOME keyring unlocked in
// a throwaway HOME (with-keystore.sh), tst_keystore_absent with no session bus at all, where the
// key must fall back to the owner-only file. FIELDPROOF_KEYSTORE says which is expected.

#include "app/appstore.h"
#include "crypto/ed25519.h"
#include "device/signingkey.h"
#include "platform/keystore.h"

#include <QTemporaryDir>
#include <QTest>

#include <filesystem>

using namespace fp;
namespace fs = std::filesystem;

class TestKeystore : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void init();
    void cleanup();

    void theKeyIsKeptWhereThePlatformAllows();
    void aKeyFileMovesIntoTheKeystore();
    void reEnrolmentReplacesTheKey();
    void theAppStoresItsKeyThroughTheKeystore();
    void storesOfOneDatabaseShareTheKey();

  private:
    static DeviceSigningKey newKey(const std::string &deviceId);
    fs::path dbFile() const { return m_dir->filePath("device.db").toStdString(); }
    fs::path keyFile() const { return FileSigningKeyStore::besideDatabase(dbFile()); }

    std::unique_ptr<QTemporaryDir> m_dir;
    bool m_keystore = false;
};

DeviceSigningKey TestKeystore::newKey(const std::string &deviceId)
{
    const crypto::KeyPair pair = crypto::newKeyPair();
    return DeviceSigningKey{deviceId, pair.public_key, pair.secret_key};
}

void TestKeystore::init()
{
    const QByteArray expected = qgetenv("FIELDPROOF_KEYSTORE");
    QVERIFY2(expected == "present" || expected == "absent",
             "FIELDPROOF_KEYSTORE must say present or absent (ctest sets it)");
    m_keystore = expected == "present";
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestKeystore::cleanup()
{
    if (m_keystore)
        KeychainSigningKeyStore(keystoreEntry(dbFile())).remove();
    m_dir.reset();
}

void TestKeystore::theKeyIsKeptWhereThePlatformAllows()
{
    const DeviceSigningKey key = newKey("dev-1");
    PlatformSigningKeyStore(dbFile()).save(key);

    PlatformSigningKeyStore again(dbFile());
    const std::optional<DeviceSigningKey> loaded = again.load();
    QVERIFY(loaded);
    QCOMPARE(loaded->secret_key, key.secret_key);
    QCOMPARE(loaded->device_id, key.device_id);
    QCOMPARE(again.inKeystore(), m_keystore);
    if (m_keystore) {
        QVERIFY2(!fs::exists(keyFile()), "no copy of the secret beside the database");
        const auto inKeystore = KeychainSigningKeyStore(keystoreEntry(dbFile())).load();
        QVERIFY(inKeystore);
        QCOMPARE(inKeystore->secret_key, key.secret_key);
    } else {
        QVERIFY(fs::exists(keyFile()));
        QCOMPARE(fs::status(keyFile()).permissions() & fs::perms::all,
                 fs::perms::owner_read | fs::perms::owner_write);
    }
}

void TestKeystore::aKeyFileMovesIntoTheKeystore()
{
    // A device enrolled before the app used the keystore (or by fieldproof-sync) has the file.
    const DeviceSigningKey key = newKey("dev-old");
    FileSigningKeyStore(keyFile()).save(key);

    PlatformSigningKeyStore store(dbFile());
    const std::optional<DeviceSigningKey> loaded = store.load();
    QVERIFY(loaded);
    QCOMPARE(loaded->secret_key, key.secret_key);
    QCOMPARE(store.inKeystore(), m_keystore);
    QCOMPARE(fs::exists(keyFile()), !m_keystore);
    const std::optional<DeviceSigningKey> next = PlatformSigningKeyStore(dbFile()).load();
    QVERIFY(next);
    QCOMPARE(next->secret_key, key.secret_key);
}

void TestKeystore::reEnrolmentReplacesTheKey()
{
    const DeviceSigningKey first = newKey("dev-1");
    const DeviceSigningKey second = newKey("dev-2");
    PlatformSigningKeyStore store(dbFile());
    store.save(first);
    store.save(second);
    QCOMPARE(store.load()->device_id, std::string("dev-2"));
    const std::optional<DeviceSigningKey> reopened = PlatformSigningKeyStore(dbFile()).load();
    QVERIFY(reopened);
    QCOMPARE(reopened->device_id, std::string("dev-2"));
    QCOMPARE(reopened->secret_key, second.secret_key);
}

void TestKeystore::theAppStoresItsKeyThroughTheKeystore()
{
    const DeviceSigningKey key = newKey("dev-app");
    {
        AppStore app(m_dir->path());
        app.with([&](DeviceStore &s) { s.signingKeys().save(key); });
    }
    QCOMPARE(fs::exists(keyFile()), !m_keystore);
    AppStore reopened(m_dir->path());
    const auto loaded = reopened.with([](DeviceStore &s) { return s.signingKeys().load(); });
    QVERIFY(loaded);
    QCOMPARE(loaded->secret_key, key.secret_key);
}

void TestKeystore::storesOfOneDatabaseShareTheKey()
{
    // The UI's store reads the key at start (none yet); the sync worker's store enrols.
    const std::unique_ptr<SigningKeyStore> ui = platformSigningKeys(dbFile());
    const std::unique_ptr<SigningKeyStore> worker = platformSigningKeys(dbFile());
    QVERIFY(!ui->load());
    const DeviceSigningKey key = newKey("dev-enrolled");
    worker->save(key);
    const std::optional<DeviceSigningKey> seen = ui->load();
    QVERIFY2(seen, "the UI's store signs with the key the worker saved");
    QCOMPARE(seen->secret_key, key.secret_key);
}

QTEST_GUILESS_MAIN(TestKeystore)
#include "tst_keystore.moc"
