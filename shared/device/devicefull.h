#pragma once
// A full tablet (issue 17 item 2): a write the device's storage cannot take. The photo folder
// throws DeviceFullError; SQLite reports the same through StoreError's code. isStorageFull()
// tells both apart from every other failure, so that the app can say what to do (free space)
// instead of "restart the app".

#include "core/error.h"

#include <exception>

namespace fp {

/// A write the tablet's storage cannot take: no space left (ENOSPC), over a quota (EDQUOT) or
/// over the process's file-size limit (EFBIG). Nothing of the change was kept.
class DeviceFullError : public Error
{
  public:
    using Error::Error;
};

/// True for the errno values DeviceFullError stands for.
bool isNoRoomErrno(int error);

/// True when `error`, thrown by DeviceStore or PhotoStore, means the storage is full: a
/// DeviceFullError, a std::filesystem error with a no-room errno, or a StoreError whose SQLite
/// code is SQLITE_FULL or a failed write of the database, its journal or its WAL index
/// (SQLITE_IOERR_WRITE, SQLITE_IOERR_SHMSIZE: what a full disk or the file-size limit gives).
bool isStorageFull(const std::exception &error);

} // namespace fp
