#include "officecheck.h"

#include "client/blobrefs.h"
#include "core/sha256.h"

#include <set>

namespace fp::test {

namespace {
QString say(const std::string &text)
{
    return QString::fromStdString(text);
}
} // namespace

QString compareWithOffice(DeviceStore &store, SyncOffice &office)
{
    if (const auto n = store.pendingCount(); n != 0)
        return say(std::to_string(n) + " items are still pending on the device");
    const auto enrolment = loadEnrolment(store);
    if (!enrolment)
        return "the device is not enrolled";
    auto db = office.officeDb();

    std::set<std::string> deviceIds;
    Database device(store.databaseFile()); // a read connection of the test's own (WAL)
    Statement mine(device, "SELECT id, revision FROM inspections");
    while (mine.step()) {
        const std::string id = mine.text(0);
        const std::int64_t revision = mine.integer(1);
        deviceIds.insert(id);
        const InspectionBundle bundle = store.bundle(id);
        Statement held(*db, "SELECT version, state, data, device_id FROM inspection WHERE id = ?");
        if (!held.bind(1, id).step())
            return say("inspection " + id + " is missing at the office");
        if (held.integer(0) != revision)
            return say("inspection " + id + ": the office holds version " +
                       std::to_string(held.integer(0)) + ", the device " +
                       std::to_string(revision));
        if (held.text(3) != enrolment->device_id)
            return say("inspection " + id + " is recorded for another device");
        const auto atOffice = decode<InspectionBundle>(parseJson(held.text(2)));
        if (!(atOffice == bundle))
            return say("inspection " + id + " differs between device and office");
        for (const std::string &sha : blobRefs(Json(bundle))) {
            const auto file = office.blobFile(sha);
            if (!std::filesystem::exists(file))
                return say(std::string("blob ")
                               .append(sha)
                               .append(" of inspection ")
                               .append(id)
                               .append(" is missing at the office"));
            if (sha256File(file) != sha)
                return say("blob " + sha + " at the office does not hash to its name");
            if (std::filesystem::file_size(file) !=
                std::filesystem::file_size(store.photos().pathOf(sha)))
                return say("blob " + sha + " differs in size");
        }
    }
    // Nothing twice, nothing extra: the office holds this device's inspections and no others,
    // and stored each revision once.
    Statement theirs(*db, "SELECT id FROM inspection WHERE device_id = ?");
    theirs.bind(1, enrolment->device_id);
    std::size_t count = 0;
    while (theirs.step()) {
        ++count;
        if (!deviceIds.contains(theirs.text(0)))
            return say("the office holds inspection " + theirs.text(0) + " the device does not");
    }
    if (count != deviceIds.size())
        return say("the office holds " + std::to_string(count) +
                   " inspections of this device, "
                   "the device " +
                   std::to_string(deviceIds.size()));
    Statement twice(*db, "SELECT item_id, version, count(*) FROM push_audit WHERE device_id = ? "
                         "AND status = 'stored' GROUP BY item_id, version HAVING count(*) > 1");
    twice.bind(1, enrolment->device_id);
    if (twice.step())
        return say("revision " + std::to_string(twice.integer(1)) + " of " + twice.text(0) +
                   " was stored " + std::to_string(twice.integer(2)) + " times");
    return checkOfficeBlobs(office);
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
