#pragma once
// A fresh office for the sync client's integration tests: a temporary data directory with the
// sample plan and two inspectors (zhang: 马风镇 and 八里镇; li: 感王镇), the real
// fieldproof-server serving it on an ephemeral 127.0.0.1 port, and devices enrolled through
// the sync library itself.

#include "client/syncengine.h"
#include "client/syncsettings.h"
#include "device/devicestore.h"
#include "testoffice.h"

#include <memory>
#include <string>

namespace fp::test {

/// Simulates `inspections` visits of `inspector` on `store` from `seed` (no acceptance visits),
/// with `photos` photos of 8 KiB in all.
void simulateVisits(DeviceStore &store, const std::string &inspector, int inspections, int photos,
                    std::uint64_t seed);

class SyncOffice : public TestOffice
{
  public:
    static constexpr const char *kPassword = "sync test password";
    static constexpr const char *kMafeng = "马风镇";
    static constexpr const char *kBali = "八里镇";
    static constexpr const char *kGanwang = "感王镇";

    /// Builds the office and starts the server (with `serveExtra` arguments, e.g. TLS);
    /// false with the reason in error().
    bool setUp(const QStringList &serveExtra = {});

    /// A new device database under the temp folder, enrolled for `username` over libcurl.
    /// Fails the calling test (and returns null) when enrolment fails.
    std::unique_ptr<DeviceStore>
    enrolDevice(const std::string &name, const std::string &username,
                const std::optional<std::filesystem::path> &caFile = {});

    /// setUp(), then enrolDevice(name, username): the enrolled device, or null with the test
    /// failed (an office that did not start names its reason).
    std::unique_ptr<DeviceStore> setUpWithDevice(const std::string &name,
                                                 const std::string &username);

    /// One sync of `store` over real libcurl to `url` (the server's own address when empty),
    /// with upload lanes to the same address unless `options` brings its own.
    SyncReport sync(DeviceStore &store, SyncOptions options = {}, const std::string &url = {});
};

} // namespace fp::test
