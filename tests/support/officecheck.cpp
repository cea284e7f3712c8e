#include "officecheck.h"

#include "core/sha256.h"
#include "provincestack.h"

namespace fp::test {

namespace {
QString say(const std::string &text)
{
    return QString::fromStdString(text);
}
} // namespace

QString compareWithOffice(DeviceStore &store, SyncOffice &office)
{
    // One comparison for every test office (provincestack's, read through OfficeRows); on
    // PostgreSQL officeDbFile() is a snapshot of the office's tables.
    const auto rows = sqliteOfficeRows(office.officeDbFile().toStdString());
    const QString difference = compareDeviceWithOffice(
        store, *rows, std::filesystem::path(office.dataDir().toStdString()) / "blobs");
    return difference.isEmpty() ? checkOfficeBlobs(office) : difference;
}

QString checkOfficeBlobs(SyncOffice &office)
{
    const std::filesystem::path data = office.dataDir().toStdString();
    for (const auto &entry : std::filesystem::recursive_directory_iterator(data / "blobs")) {
        if (!entry.is_regular_file())
            continue;
        const std::string name = entry.path().filename().string();
        if (sha256File(entry.path()) != name)
            return say("office blob " + entry.path().string() + " does not hash to its name");
    }
    if (std::filesystem::exists(data / "tmp")) {
        for (const auto &entry : std::filesystem::directory_iterator(data / "tmp"))
            return say("a partial upload is left at the office: " + entry.path().string());
    }
    return {};
}

} // namespace fp::test
