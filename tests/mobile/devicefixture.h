#pragma once
// Device data for the app's tests, screenshots and benchmarks: the sample plan as a pull
// would leave it on a tablet, synthetic enterprises in bulk, and visits in every state.

#include "device/devicestore.h"
#include "testimages.h" // writeJpeg, for the tests that include this fixture

#include <QColor>
#include <QDate>
#include <QString>

#include <string>
#include <vector>

namespace fp::test {

/// Loads data/plan-sample.csv (regions, enterprises, equipment) plus one task per enterprise
/// assigned to `inspector`, due dates spread around `today`, and a few cards. Returns the
/// number of enterprises.
int loadSamplePlan(DeviceStore &store, const QString &csvPath, QDate today,
                   const std::string &inspector);

/// Adds `count` synthetic enterprises with two planned items and a task each (one batch).
void addSyntheticEnterprises(DeviceStore &store, int count, QDate today,
                             const std::string &inspector);

/// A tiny plan for unit tests: one region, one enterprise ("e1", credit code
/// 91210381MA0000001X) with two items ("eq1" dismantle, "eq2" seal_then_dismantle), an
/// exit task "t1" due `due`, and one yellow card.
void addMiniPlan(DeviceStore &store, const std::string &due = "2017-10-31");

/// Starts a visit of `kind` on addMiniPlan()'s task "t1" at "e1", made by `inspectors` with
/// the enterprise's `representative`. Returns the visit's id.
std::string startMiniVisit(DeviceStore &store, VisitKind kind = VisitKind::Exit,
                           std::vector<std::string> inspectors = {"zhang"},
                           const std::string &representative = "");

/// Saves a new check of `equipmentId` with `finding` in the visit `inspectionId`. Returns the
/// check's id.
std::string saveFinding(DeviceStore &store, const std::string &inspectionId,
                        const std::string &equipmentId, Finding finding);

/// Visits in every state on the sample plan, for screenshots: a draft acceptance visit with
/// a sealed item, seal numbers and photos; a final visit waiting to sync; a synced one; one
/// the office returned. Photos are made with Qt into `scratchDir`.
void addDemoVisits(DeviceStore &store, const QString &scratchDir, const std::string &inspector);

/// Writes a few plain JPEGs into `dir` (an import folder for demos and screenshots).
void writeSamplePhotos(const QString &dir);

/// Marks the device enrolled (as sync/client stores it) so the app goes straight in.
void enrol(DeviceStore &store, const std::string &serverUrl, const std::string &username);

} // namespace fp::test
