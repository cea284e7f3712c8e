// WebApi: an enterprise's evidence bundle (GET /api/v1/web/enterprises/<id>/bundle), the zip of
// server/exchange/evidencebundle.h, for signed-in office staff; the dossier links to it.

#include "core/ids.h"
#include "server/domain/apierror.h"
#include "server/exchange/evidencebundle.h"
#include "server/webapi/webapi.h"
#include "server/webapi/webroutes.h"

#include <httplib.h>

#include <array>
#include <fstream>
#include <memory>

namespace fp {

void WebApi::attachBundle(httplib::Server &server)
{
    read(server, "/api/v1/web/enterprises/([^/]+)/bundle",
         [this](const httplib::Request &req, httplib::Response &res, const Caller &) {
             const std::string id = match(req, 1);
             // libzip writes files only: a private temp file, opened and unlinked at once, so
             // that nothing is left behind however the download ends; sent from the open file.
             const auto path = m_options.tmp / ("web-bundle-" + newId(m_clock) + ".zip");
             std::uintmax_t size = 0;
             std::shared_ptr<std::ifstream> file;
             try {
                 const BundleBlobs blobs{
                     [this](const std::string &sha) { return m_blobs.wholeSize(sha); },
                     [this](const std::string &sha) { return m_blobs.openWhole(sha); }};
                 writeEvidenceBundle(m_stores.reports, m_stores.plan, blobs, id,
                                     formatTimestamp(m_clock.now()), path);
                 size = std::filesystem::file_size(path);
                 file = std::make_shared<std::ifstream>(path, std::ios::binary);
             } catch (const BundleError &e) {
                 std::filesystem::remove(path);
                 const bool unknown = !m_stores.plan.findEnterprise(id).has_value();
                 throw ApiError(unknown ? 404 : 409, unknown ? "not_found" : "nothing_to_bundle",
                                e.what());
             } catch (...) {
                 std::filesystem::remove(path);
                 throw;
             }
             std::filesystem::remove(path);
             if (!*file)
                 throw Error("cannot read the bundle just written");
             res.status = 200;
             res.set_header("Content-Disposition",
                            "attachment; filename=\"evidence-" + id + ".zip\"");
             res.set_content_provider(
                 static_cast<std::size_t>(size), "application/zip",
                 [file](std::size_t offset, std::size_t length, httplib::DataSink &sink) {
                     std::array<char, 1 << 16> buf{};
                     file->seekg(static_cast<std::streamoff>(offset));
                     file->read(buf.data(),
                                static_cast<std::streamsize>(std::min(length, buf.size())));
                     const auto n = file->gcount();
                     return n > 0 && sink.write(buf.data(), static_cast<std::size_t>(n));
                 });
         });
}

} // namespace fp
