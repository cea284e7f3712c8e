#include "platform/keystore.h"

#include "core/error.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QThread>
#include <QTimer>
#include <QtDebug>
#include <qt6keychain/keychain.h>

#include <map>
#include <memory>

namespace fp {

namespace {

const QString kService = QStringLiteral("FieldProof");
/// A keystore that needs its user (an unlock prompt) gets this long before the app goes on
/// without it.
constexpr int kAnswerMs = 20'000;

/// What a finished keystore job said.
struct JobAnswer
{
    QKeychain::Error error = QKeychain::OtherError;
    QString message;
    QByteArray data;
};

/// Runs `job` (heap-allocated, it deletes itself) to its end in a local event loop: qtkeychain's
/// jobs answer through signals. A job that does not answer in time is left to finish alone.
JobAnswer runHere(QKeychain::Job *job, const std::function<QByteArray(QKeychain::Job *)> &data)
{
    auto answer = std::make_shared<JobAnswer>();
    auto done = std::make_shared<bool>(false);
    QEventLoop loop;
    QObject::connect(job, &QKeychain::Job::finished, &loop, [&loop, answer, done, data](auto *j) {
        answer->error = j->error();
        answer->message = j->errorString();
        if (data && j->error() == QKeychain::NoError)
            answer->data = data(j);
        *done = true;
        loop.quit();
    });
    QTimer::singleShot(kAnswerMs, &loop, &QEventLoop::quit);
    job->setAutoDelete(true);
    job->start();
    if (!*done)
        loop.exec();
    if (!*done)
        throw Error("the platform keystore did not answer within 20 s");
    return *answer;
}

/// Runs a keystore job made by `make` on the application's main thread: qtkeychain's jobs and
/// their executor belong to the thread that made the first one, so the sync worker's enrolment
/// hands its job over and waits (the main thread never waits on the worker for a key).
JobAnswer run(const std::function<QKeychain::Job *()> &make,
              const std::function<QByteArray(QKeychain::Job *)> &data = {})
{
    QCoreApplication *app = QCoreApplication::instance();
    if (!app || QThread::currentThread() == app->thread())
        return runHere(make(), data);
    JobAnswer answer;
    std::optional<Error> failed;
    QMetaObject::invokeMethod(
        app,
        [&] {
            try {
                answer = runHere(make(), data);
            } catch (const Error &e) {
                failed = e;
            }
        },
        Qt::BlockingQueuedConnection);
    if (failed)
        throw *failed;
    return answer;
}

} // namespace

QString keystoreEntry(const std::filesystem::path &dbFile)
{
    std::error_code ec;
    const std::filesystem::path absolute = std::filesystem::absolute(dbFile, ec);
    return QStringLiteral("device-signing-key ") +
           QString::fromStdString((ec ? dbFile : absolute).lexically_normal().string());
}

std::optional<DeviceSigningKey> KeychainSigningKeyStore::load()
{
    const JobAnswer a = run(
        [this] {
            auto *job = new QKeychain::ReadPasswordJob(kService);
            job->setKey(m_entry);
            return job;
        },
        [](QKeychain::Job *j) {
            return static_cast<QKeychain::ReadPasswordJob *>(j)->binaryData();
        });
    if (a.error == QKeychain::EntryNotFound)
        return std::nullopt;
    if (a.error != QKeychain::NoError)
        throw Error(
            std::string("the platform keystore cannot be read: ").append(a.message.toStdString()));
    return decodeSigningKey(
        a.data.toStdString(),
        std::string("in the platform keystore (").append(m_entry.toStdString()).append(")"));
}

void KeychainSigningKeyStore::save(const DeviceSigningKey &key)
{
    const QByteArray text = QByteArray::fromStdString(encodeSigningKey(key));
    const JobAnswer a = run([this, &text] {
        auto *job = new QKeychain::WritePasswordJob(kService);
        job->setKey(m_entry);
        job->setBinaryData(text);
        return job;
    });
    if (a.error != QKeychain::NoError)
        throw Error(std::string("the platform keystore did not take the signing key: ")
                        .append(a.message.toStdString()));
}

bool KeychainSigningKeyStore::remove()
{
    const JobAnswer a = run([this] {
        auto *job = new QKeychain::DeletePasswordJob(kService);
        job->setKey(m_entry);
        return job;
    });
    return a.error == QKeychain::NoError || a.error == QKeychain::EntryNotFound;
}

PlatformSigningKeyStore::PlatformSigningKeyStore(const std::filesystem::path &dbFile)
    : m_keychain(keystoreEntry(dbFile)), m_file(FileSigningKeyStore::besideDatabase(dbFile))
{
}

std::optional<DeviceSigningKey> PlatformSigningKeyStore::load()
{
    const std::scoped_lock guard(m_lock);
    loadOnce();
    return m_key;
}

void PlatformSigningKeyStore::save(const DeviceSigningKey &key)
{
    // The keystore is written without m_lock held: from the sync worker it waits on the main
    // thread, which may meanwhile read the key.
    const std::scoped_lock saving(m_saveLock);
    const bool inKeystore = moveIntoKeystore(key);
    if (!inKeystore)
        m_file.save(key);
    const std::scoped_lock guard(m_lock);
    m_key = key;
    m_inKeystore = inKeystore;
    m_loaded = true;
}

bool PlatformSigningKeyStore::inKeystore()
{
    const std::scoped_lock guard(m_lock);
    loadOnce();
    return m_inKeystore;
}

void PlatformSigningKeyStore::loadOnce()
{
    if (m_loaded)
        return;
    // A key in the file is the newer one: a key moved into the keystore leaves no file behind,
    // so a file here was written since (by fieldproof-sync, or where no keystore answered).
    if (std::optional<DeviceSigningKey> inFile = m_file.load()) {
        m_key = std::move(inFile);
        m_inKeystore = moveIntoKeystore(*m_key);
    } else {
        try {
            m_key = m_keychain.load();
            m_inKeystore = m_key.has_value();
        } catch (const Error &e) {
            qInfo("signing key: %s; the device keeps it in %s", e.what(),
                  m_file.file().string().c_str());
        }
    }
    m_loaded = true;
}

bool PlatformSigningKeyStore::moveIntoKeystore(const DeviceSigningKey &key)
{
    try {
        m_keychain.save(key);
        const std::optional<DeviceSigningKey> back = m_keychain.load();
        if (!back || back->secret_key != key.secret_key || back->device_id != key.device_id)
            throw Error("the platform keystore gave back another key");
    } catch (const Error &e) {
        qInfo("signing key: %s; the device keeps it in %s", e.what(),
              m_file.file().string().c_str());
        return false;
    }
    std::error_code ec;
    std::filesystem::remove(m_file.file(), ec);
    if (ec)
        throw Error(std::string("the signing key is in the platform keystore, but its old file ")
                        .append(m_file.file().string())
                        .append(" cannot be removed: ")
                        .append(ec.message()));
    return true;
}

namespace {

/// Forwards to the process's one PlatformSigningKeyStore of a database.
class SharedSigningKeys final : public SigningKeyStore
{
  public:
    explicit SharedSigningKeys(std::shared_ptr<PlatformSigningKeyStore> keys)
        : m_keys(std::move(keys))
    {
    }
    std::optional<DeviceSigningKey> load() override { return m_keys->load(); }
    void save(const DeviceSigningKey &key) override { m_keys->save(key); }

  private:
    std::shared_ptr<PlatformSigningKeyStore> m_keys;
};

} // namespace

std::unique_ptr<SigningKeyStore> platformSigningKeys(const std::filesystem::path &dbFile)
{
    static std::mutex lock;
    static std::map<QString, std::weak_ptr<PlatformSigningKeyStore>> open;
    const std::scoped_lock guard(lock);
    const QString entry = keystoreEntry(dbFile);
    std::shared_ptr<PlatformSigningKeyStore> keys = open[entry].lock();
    if (!keys) {
        keys = std::make_shared<PlatformSigningKeyStore>(dbFile);
        open[entry] = keys;
    }
    return std::make_unique<SharedSigningKeys>(std::move(keys));
}

} // namespace fp
