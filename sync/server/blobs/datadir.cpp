#include "server/blobs/datadir.h"

#include "core/error.h"

namespace fp {

void DataDir::create() const
{
    for (const auto &dir : {root, blobs(), tmp(), thumbs()}) {
        std::error_code ec;
        std::filesystem::create_directories(dir, ec);
        if (ec)
            throw Error("cannot create " + dir.string() + ": " + ec.message());
    }
}

} // namespace fp
