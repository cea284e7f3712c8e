// fieldproof-server bundle: an enterprise's evidence bundle (server/exchange/evidencebundle.h),
// for fieldproof-verify.

#include "cli/args.h"
#include "server/blobs/blobstore.h"
#include "server/cli/clicommands.h"
#include "server/exchange/evidencebundle.h"

#include <ostream>

namespace fp {

int bundleCommand(const std::vector<std::string> &all, CliContext &ctx)
{
    const CliArgs args(all, {"data", "database", "enterprise", "out"});
    args.noPositionals();
    const std::string which = args.require("enterprise");
    const std::filesystem::path out = args.require("out");
    auto data = openData(args);
    // --enterprise takes the office's id or the credit code of the plan.
    std::string id = which;
    if (const auto byCode = data.store->findEnterpriseByCode(which))
        id = byCode->id;
    const FolderBlobStore blobs(data.dir.blobs(), data.dir.tmp());
    const BundleBlobs bundleBlobs{[&](const std::string &sha) { return blobs.wholeSize(sha); },
                                  [&](const std::string &sha) { return blobs.openWhole(sha); }};
    const BundleSummary s = writeEvidenceBundle(*data.store, *data.store, bundleBlobs, id,
                                                formatTimestamp(ctx.clock.now()), out);
    for (const auto &why : s.left_out)
        ctx.err << "warning: left out " << why << '\n';
    ctx.out << "wrote " << out.string() << ": " << s.inspections.size() << " inspections of "
            << s.enterprise_name << ", " << s.blobs << " photos and signature images, under the "
            << "office log's head of " << s.tree_size
            << " leaves; check it with fieldproof-verify\n";
    return 0;
}

} // namespace fp
