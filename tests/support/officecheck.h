#pragma once
// The invariants of DESIGN §4 checked across the wire: what a device holds against what the
// office holds, read from the office's own database and blob folder.

#include "device/devicestore.h"
#include "syncoffice.h"

#include <QString>
#include <QTest>

namespace fp::test {

/// Empty when everything final on `store` is at the office exactly once and unchanged (same
/// revision, same content), every photo and signature it references is there whole with the
/// right hash, the device's outbox is empty, and nothing half-written is visible; otherwise
/// the first difference found, as a sentence.
QString compareWithOffice(DeviceStore &store, SyncOffice &office);

/// In a test function: fails it with compareWithOffice's sentence unless it is empty.
#define FP_VERIFY_MATCHES_OFFICE(store, office)                                                    \
    do {                                                                                           \
        const QString difference_ = fp::test::compareWithOffice(store, office);                    \
        QVERIFY2(difference_.isEmpty(), qPrintable(difference_));                                  \
    } while (false)

/// Every file under the office's blobs/ hashes to its name, and no partial upload is left in
/// tmp/; empty when so.
QString checkOfficeBlobs(SyncOffice &office);

} // namespace fp::test
