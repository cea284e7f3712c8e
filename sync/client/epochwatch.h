#pragma once
// The device's watch on the office's epoch (issue 17): the office database's random id, new
// after each restore from a backup. When a pull brings another epoch than the one this device
// saw, the office may have lost what it acknowledged since its backup: the device queues every
// acknowledged final inspection again (with its files: the blob step checks each one), and it
// drops its saved tree head of the office log, which the restored, shorter log cannot extend.
// The pinned office key stays: the new log's heads must still be signed by it. Beside it, how
// far the office's last verified backup reaches (the pull's `backup`): until it holds a final
// inspection's statement, the device keeps that inspection's files.

#include "device/devicestore.h"
#include "protocol/pullpage.h"

#include <cstdint>
#include <optional>
#include <string>

namespace fp {

namespace synckey {
inline constexpr const char *kOfficeEpoch = "office_epoch"; // empty: none seen yet
} // namespace synckey

/// What noting an epoch did.
struct EpochChange
{
    bool changed = false;          // another epoch than the one saved: the office was restored
    std::int64_t reoffered = 0;    // final inspections queued again
    bool log_head_dropped = false; // a saved tree head was dropped
};

/// Saves `epoch` and, when it replaces another, queues the acknowledged final inspections again
/// and drops the saved log head, all in one transaction. Call it before the log check. Nothing
/// happens for an office that sends no epoch; the first epoch a device sees is only saved.
EpochChange noteOfficeEpoch(DeviceStore &store, const std::optional<std::string> &epoch);

/// Saves how far the office's last verified backup reaches for this device (`deviceId`), as a
/// pull page says it (absent: none, so the device keeps every file). Returns the reach saved.
std::int64_t noteBackupReach(DeviceStore &store, const std::string &deviceId,
                             const std::optional<BackupReach> &backup);

} // namespace fp
