#pragma once
// The app's objects as the tests and benchmarks of mobile/ set them up: a fresh store per test
// function on the mini plan, a model or controller bound to a visit, a photo capture ready to
// take pictures, and the options of a tablet in the sample region.

#include "app/appoptions.h"
#include "app/appstore.h"
#include "devicefixture.h"
#include "photo/photocapture.h"
#include "platform/positioning.h"

#include <QSignalSpy>
#include <QString>
#include <QTemporaryDir>

#include <memory>
#include <vector>

namespace fp::test {

/// Hands out AppStores on addMiniPlan(), one folder each (d1, d2, …) in one temporary directory.
class StoreSeries
{
  public:
    /// A new store in the next folder, with addMiniPlan() loaded.
    std::unique_ptr<AppStore> nextOnMiniPlan()
    {
        auto store = std::make_unique<AppStore>(m_dir.filePath(QStringLiteral("d%1").arg(++m_n)));
        store->with([](DeviceStore &s) { addMiniPlan(s); });
        return store;
    }

    /// `name` in the temporary directory, for the files a test writes besides the stores.
    QString filePath(const QString &name) const { return m_dir.filePath(name); }

  private:
    QTemporaryDir m_dir;
    int m_n = 0;
};

/// Binds `object`, a model or controller of one visit, to `store` and the visit `inspectionId`,
/// as a screen does.
template <typename T> void bindToVisit(T &object, AppStore *store, const QString &inspectionId)
{
    object.setStore(store);
    object.setInspectionId(inspectionId);
}

/// What a capture stands on: a store in a temporary folder with the mini plan and an exit visit
/// on it, a positioning without a fix yet, and a PhotoCapture bound to the store and the visit,
/// with spies on what it reports.
struct CaptureRig
{
    QTemporaryDir data;
    AppStore store{data.path()};
    QString inspection = QString::fromStdString(store.with([](DeviceStore &s) {
        addMiniPlan(s);
        return startMiniVisit(s);
    }));
    Positioning positioning{QString()};
    PhotoCapture capture;
    QSignalSpy added{&capture, &PhotoCapture::photoAdded};
    QSignalSpy failed{&capture, &PhotoCapture::failed};

    CaptureRig()
    {
        capture.setProperty("store", QVariant::fromValue(&store));
        capture.setProperty("inspectionId", inspection);
    }
    /// Binds the positioning too: photos use its fix.
    void usePositioning() { capture.setProperty("positioning", QVariant::fromValue(&positioning)); }
    /// Names the sample enterprise and inspector, as the visit screen does for the watermark.
    void nameTheVisit()
    {
        capture.setProperty("enterpriseName", QStringLiteral("示例天成钢铁有限公司"));
        capture.setProperty("inspector", QStringLiteral("张伟"));
    }
    /// The photos stored for the visit.
    std::vector<Photo> photos()
    {
        return store.with(
            [&](DeviceStore &s) { return s.bundle(inspection.toStdString()).photos; });
    }
};

/// The options of a tablet in Chinese with its data in `dataDir`, photo imports from
/// `importDir`, and a fixed position in the sample region (8 m).
inline AppOptions sampleTabletOptions(const QString &dataDir, const QString &importDir)
{
    AppOptions options;
    options.dataDir = dataDir;
    options.language = QStringLiteral("zh_CN");
    options.importDir = importDir;
    options.fixLat = 40.851;
    options.fixLon = 122.752;
    options.fixAccuracy = 8;
    return options;
}

} // namespace fp::test
