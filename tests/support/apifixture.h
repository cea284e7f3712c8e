#pragma once
// A fresh office for one test program: a temporary data directory with the sample plan and
// accounts (zhang and wang: inspectors of 马风镇; li: inspector of 感王镇; office), and the
// real server serving it on an ephemeral port.

#include "httpclient.h"
#include "testoffice.h"

#include <QRandomGenerator>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace fp::test {

/// Field `field` ("status", "code") of the first result of push answer `r`: "" when the result
/// has no such field, "(no result: BODY)" when the answer has no result.
std::string firstResultField(const std::string &field, const HttpResult &r);
/// `n` random bytes from `rng`: a blob's content.
std::string randomContent(std::size_t n, QRandomGenerator &rng);

struct EnrolledDevice
{
    std::string id;
    std::string token;
};

class ApiFixture : public TestOffice
{
  public:
    static constexpr const char *kPassword = "correct horse battery";
    static constexpr const char *kMafeng = "马风镇";
    static constexpr const char *kGanwang = "感王镇";
    // Enterprises of the sample plan.
    static constexpr const char *kTianchengCode = "91210381G6P2UGEH1D"; // 马风镇
    static constexpr const char *kHongyuanCode = "91210381XU8C1R696T";  // 马风镇
    static constexpr const char *kFengyuanCode = "91210381GJJPN5T157";  // 感王镇

    /// Builds the office and starts the server; false with the reason in error().
    bool setUp(const QStringList &serveExtra = {});

    /// Enrols a device for `username` with a new signing key (fails the test on error); its
    /// DeviceSigner (devicesigner.h) signs the final inspections pushBody sends for it.
    EnrolledDevice enroll(const std::string &username);
    /// Office-side ids by credit code, and the equipment ids of each enterprise id.
    std::string enterpriseId(const std::string &creditCode) const;
    std::vector<std::string> equipmentOf(const std::string &enterpriseId) const;
    /// Pushes `item` as it is (no signing added) from `device` in a batch of its own: the
    /// office's result for it, or null (with a warning) when the push was not answered 200.
    Json pushAsIs(const EnrolledDevice &device, const Json &item) const;

  private:
    bool loadIds();

    std::map<std::string, std::string> m_enterprises;
    std::map<std::string, std::vector<std::string>> m_equipment;
};

} // namespace fp::test
