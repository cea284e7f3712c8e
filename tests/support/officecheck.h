#pragma once
// The invariants of DESIGN §4 checked across the wire: what a device holds against what the
// office holds, read from the office's own database and blob folder.

#include "device/devicestore.h"
#include "syncoffice.h"

#include <QString>

namespace fp::test {

/// Empty when everything final on `store` is at the office exactly once and unchanged (same
/// revision, same content), every photo and signature it references is there whole with the
/// right hash, the device's outbox is empty, and nothing half-written is visible; otherwise
/// the first difference found, as a sentence.
QString compareWithOffice(DeviceStore &store, SyncOffice &office);

/// Every file under the office's blobs/ hashes to its name, and no partial upload is left in
/// tmp/; empty when so.
QString checkOfficeBlobs(SyncOffice &office);

} // namespace fp::test
