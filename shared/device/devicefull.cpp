#include "device/devicefull.h"

#include "db/database.h"

#include <sqlite3.h>

#include <cerrno>
#include <filesystem>

namespace fp {

bool isNoRoomErrno(int error)
{
    return error == ENOSPC || error == EDQUOT || error == EFBIG;
}

bool isStorageFull(const std::exception &error)
{
    if (dynamic_cast<const DeviceFullError *>(&error))
        return true;
    if (const auto *fsError = dynamic_cast<const std::filesystem::filesystem_error *>(&error))
        return isNoRoomErrno(fsError->code().value());
    if (const auto *store = dynamic_cast<const StoreError *>(&error)) {
        const int code = store->code();
        return (code & 0xff) == SQLITE_FULL || code == SQLITE_IOERR_WRITE ||
               code == SQLITE_IOERR_SHMSIZE;
    }
    return false;
}

} // namespace fp
