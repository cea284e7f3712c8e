#include "platform/storeerror.h"

#include "db/database.h"
#include "device/devicefull.h"
#include "device/immutableerror.h"

#include <QCoreApplication>

namespace fp {

QString storageFullText()
{
    return QCoreApplication::translate(
        "StoreError",
        "The tablet's storage is full: this was not saved, and the visit stays as it was. Free "
        "space (delete photos and videos you no longer need from the gallery, or sync and then "
        "free backed-up photos in Settings) and try again.");
}

QString storeErrorText(const std::exception &error)
{
    const QString detail = QString::fromUtf8(error.what());
    if (isStorageFull(error))
        return storageFullText();
    if (dynamic_cast<const ImmutableError *>(&error))
        return QCoreApplication::translate(
            "StoreError", "This visit is final and cannot be changed. Use \"Correct\" to start "
                          "a correcting visit.");
    if (dynamic_cast<const ValidationError *>(&error))
        return QCoreApplication::translate("StoreError", "Not saved: %1").arg(detail);
    if (dynamic_cast<const StoreError *>(&error))
        return QCoreApplication::translate(
                   "StoreError", "The tablet's database refused the change (%1). Restart the "
                                 "app; if it happens again, tell the office.")
            .arg(detail);
    return QCoreApplication::translate("StoreError", "Not saved: %1").arg(detail);
}

} // namespace fp
