#include "syncsettings.h"

namespace fp {

std::optional<Enrolment> loadEnrolment(DeviceStore &store)
{
    Enrolment e;
    e.server_url = store.syncValue(synckey::kServerUrl).value_or("");
    e.token = store.syncValue(synckey::kToken).value_or("");
    if (e.server_url.empty() || e.token.empty())
        return std::nullopt;
    e.device_id = store.syncValue(synckey::kDeviceId).value_or("");
    e.username = store.syncValue(synckey::kUsername).value_or("");
    if (const auto ca = store.syncValue(synckey::kCaFile); ca && !ca->empty())
        e.ca_file = *ca;
    return e;
}

void saveEnrolment(DeviceStore &store, const Enrolment &enrolment)
{
    store.inTransaction([&] {
        store.setSyncValue(synckey::kServerUrl, enrolment.server_url);
        store.setSyncValue(synckey::kCaFile, enrolment.ca_file ? enrolment.ca_file->string() : "");
        store.setSyncValue(synckey::kDeviceId, enrolment.device_id);
        store.setSyncValue(synckey::kToken, enrolment.token);
        store.setSyncValue(synckey::kUsername, enrolment.username);
        // The next pull starts from zero and replaces every office row (PullApplier).
        store.setSyncValue(synckey::kCursor, "");
    });
}

TransportOptions transportOptions(const Enrolment &enrolment, const std::atomic<bool> *cancel)
{
    TransportOptions options;
    options.base_url = enrolment.server_url;
    options.ca_file = enrolment.ca_file;
    options.cancel = cancel;
    return options;
}

} // namespace fp
