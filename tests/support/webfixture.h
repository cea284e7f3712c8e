#pragma once
// The office web page's API tests' one fixture (tests/server/tst_web*.cpp): a test office with
// an admin account and one final exit inspection of a Tiancheng item, pushed by zhang's tablet
// with a real JPEG and not yet reviewed; web sessions of the office and admin accounts; the
// small readers of the answers the tests share; and WebTest, the base of those test classes.

#include "apifixture.h"
#include "core/json.h"
#include "httpclient.h"
#include "webclient.h"

#include <QImage>
#include <QObject>
#include <QString>

#include <set>
#include <string>

namespace fp::test {

inline constexpr const char *kCsv = "text/csv";
inline constexpr const char *kImmutable = "private, max-age=31536000, immutable";

std::string errorOf(const HttpResult &r);
std::string messageOf(const HttpResult &r);

/// Sums of the sample plan read from the file: enterprises, equipment units and capacity.
struct PlanSums
{
    std::set<QString> codes;
    int rows = 0;
    double units = 0;
    double capacity = 0;
};
PlanSums samplePlanSums();

/// POST /api/v1/devices/enroll as a tablet does.
HttpResult enrollWith(const std::string &baseUrl, const std::string &username,
                      const std::string &password);
/// The form of a card that POST /api/v1/web/cards takes.
Json cardForm(const std::string &enterpriseId, const std::string &standard,
              const std::string &level, const std::string &department, const std::string &issuedOn);
/// The first element of the JSON array `rows` whose `key` is `value`, or null.
Json rowWhere(const Json &rows, const char *key, const std::string &value);
/// A valid unified social credit code the sample sheet does not use (`stem`: its first 16
/// characters); "" when none of the 11 organisation codes after it gives a valid one.
std::string freshCreditCode(const std::string &stem);
/// One wrong field of a form: `key` set to `value` in an otherwise good body must be refused
/// with `status` and a message that names `names`.
struct BadField
{
    const char *key{};
    Json value{};
    long status{};
    const char *names{};
};
/// POSTs `good` to `path` once per case with its field replaced; "" when each was refused as
/// it says, else the first that was not (the field and the answer).
std::string badFieldProblem(WebClient &web, const std::string &path, const Json &good,
                            const std::vector<BadField> &cases);
/// The account named `username` in a GET /accounts answer, or null.
Json accountIn(const HttpResult &r, const std::string &username);
/// The enterprise ids a device's pull from the start delivers.
std::set<std::string> pulledEnterprises(const std::string &baseUrl, const std::string &token);
std::string readFile(const QString &path);
/// The local date `days` from today as ISO text (2026-12-31): the server checks dates against its
/// own clock, so forms that must lie in the future or the past are made relative to today.
std::string isoDay(int days);
/// `image` as a file of `format` ("JPEG", "PNG") in memory.
std::string encoded(const QImage &image, const char *format, int quality = 90);
QImage decodedJpeg(const std::string &bytes);

class WebFixture
{
  protected:
    /// Builds the office (call from initTestCase; fails the calling test on error).
    void initWeb();
    WebClient office() const;
    WebClient admin() const;
    /// A web session of `username` (password ApiFixture::kPassword); a failed sign-in is logged.
    WebClient signedIn(const char *username) const;
    /// An inspector added by the admin through the page's endpoint; false (with the answer
    /// logged) otherwise.
    bool addInspector(const std::string &username, const std::string &password,
                      const std::string &region);
    std::string pushFinal();
    /// zhang's tablet uploads `bytes` as a blob; its id.
    std::string upload(const std::string &bytes);

    ApiFixture m_office;
    std::string m_tiancheng;
    std::string m_item;
    std::string m_photo;
    std::string m_inspection;
    std::string m_uploadToken;
};

/// The base of a web API test class: Qt Test runs its initTestCase, which builds the office,
/// before the derived class's test functions.
class WebTest : public QObject, protected WebFixture
{
    Q_OBJECT

  private slots:
    void initTestCase() { initWeb(); }
};

} // namespace fp::test
