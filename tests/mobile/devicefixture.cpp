#include "devicefixture.h"

#include "client/syncsettings.h"
#include "core/ids.h"
#include "photo/photopipeline.h"

#include <QBuffer>
#include <QColor>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QStringList>
#include <QTextStream>

#include <map>

namespace fp::test {

namespace {

std::string s(const QString &text)
{
    return text.toStdString();
}

RegionKind kindOfRegion(const QString &name)
{
    if (name.endsWith(QStringLiteral("管理区")))
        return RegionKind::ManagementArea;
    if (name.contains(QStringLiteral("开发区")) || name.contains(QStringLiteral("园区")))
        return RegionKind::DevelopmentZone;
    return RegionKind::Town;
}

std::string stableId(const std::string &prefix, int n)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s-%06d", prefix.c_str(), n);
    return buf;
}

} // namespace

int loadSamplePlan(DeviceStore &store, const QString &csvPath, QDate today,
                   const std::string &inspector)
{
    QFile file(csvPath);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    QTextStream in(&file);
    in.readLine(); // header
    std::map<std::string, std::string> regionIds;
    std::map<std::string, std::string> enterpriseIds;
    store.inTransaction([&] {
        int row = 0;
        while (!in.atEnd()) {
            const QStringList c = in.readLine().split(QLatin1Char(','));
            if (c.size() < 14)
                continue;
            ++row;
            const std::string region = s(c[1]);
            if (!regionIds.contains(region)) {
                const std::string id = stableId("region", int(regionIds.size()) + 1);
                regionIds[region] = id;
                store.put(Region{id, region, kindOfRegion(c[1])});
            }
            const std::string code = s(c[3]);
            if (!enterpriseIds.contains(code)) {
                const int n = int(enterpriseIds.size()) + 1;
                const std::string id = stableId("ent", n);
                enterpriseIds[code] = id;
                store.put(Enterprise{id, code, s(c[2]), regionIds[region], s(c[4]), s(c[7]),
                                     s(c[5]), s(c[6]),
                                     Position{40.85 + n * 0.003, 122.75 + n * 0.004, 10.0}});
                Task t;
                t.id = stableId("task", n);
                t.enterprise_id = id;
                t.kind = n % 5 == 0   ? VisitKind::Acceptance
                         : n % 7 == 0 ? VisitKind::Survey
                                      : VisitKind::Exit;
                t.due = s(today.addDays((n * 7) % 45 - 10).toString(Qt::ISODate));
                t.inspectors = {inspector};
                store.put(t);
                if (n % 4 == 1) {
                    Card card;
                    card.id = stableId("card", n);
                    card.enterprise_id = id;
                    card.standard = n % 8 == 1 ? CardStandard::Environment : CardStandard::Energy;
                    card.level = n % 8 == 1 ? CardLevel::Red : CardLevel::Yellow;
                    card.department = n % 8 == 1 ? "海城市环保局" : "海城市经信局";
                    card.issued_on = s(today.addMonths(-5).toString(Qt::ISODate));
                    card.rectify_by = s(today.addMonths(1).toString(Qt::ISODate));
                    store.put(card);
                }
            }
            Equipment e;
            e.id = stableId("eq", row);
            e.enterprise_id = enterpriseIds[code];
            e.kind = s(c[8]);
            e.spec = s(c[9]);
            e.count = c[10].toInt();
            e.capacity = Capacity{c[11].toDouble(), "万吨/年"};
            e.location_in_plant = row % 2 ? "一号车间" : "东厂区";
            e.plan_year = 2017;
            e.action = c[12] == QStringLiteral("拆除") ? RequiredAction::Dismantle
                                                       : RequiredAction::SealThenDismantle;
            if (e.action == RequiredAction::SealThenDismantle)
                e.dismantle_deadline = s(c[13]);
            store.put(e);
        }
    });
    return int(enterpriseIds.size());
}

void addSyntheticEnterprises(DeviceStore &store, int count, QDate today,
                             const std::string &inspector)
{
    static const char *const kinds[] = {"中频炉", "工频炉", "反射窑", "机立窑", "冲天炉"};
    static const char *const industries[] = {"钢铁", "水泥", "铸造", "镁质耐火材料", "平板玻璃"};
    store.inTransaction([&] {
        for (int r = 0; r < 12; ++r)
            store.put(Region{stableId("synregion", r), "合成镇" + std::to_string(r + 1),
                             RegionKind::Town});
        for (int n = 0; n < count; ++n) {
            Enterprise e;
            e.id = stableId("synent", n);
            e.credit_code = stableId("91210381SYN", n);
            e.name = "合成测试企业" + std::to_string(n + 1) + "有限公司";
            e.region_id = stableId("synregion", n % 12);
            e.industry = industries[n % 5];
            e.address = "海城市合成路" + std::to_string(n + 1) + "号";
            e.legal_representative = "王" + std::to_string(n % 100);
            e.contact_phone = "139" + std::to_string(10000000 + n);
            store.put(e);
            for (int k = 0; k < 2; ++k) {
                Equipment q;
                q.id = stableId("syneq", n * 2 + k);
                q.enterprise_id = e.id;
                q.kind = kinds[(n + k) % 5];
                q.spec = std::to_string(k + 1) + "吨";
                q.capacity = Capacity{1.5 + k, "万吨/年"};
                q.plan_year = 2017;
                store.put(q);
            }
            store.put(Task{stableId("syntask", n),
                           e.id,
                           VisitKind::Exit,
                           s(today.addDays(n % 60 - 20).toString(Qt::ISODate)),
                           {inspector}});
        }
    });
}

void addMiniPlan(DeviceStore &store, const std::string &due)
{
    store.put(Region{"r1", "马风镇", RegionKind::Town});
    store.put(Enterprise{"e1", "91210381MA0000001X", "示例天成钢铁有限公司", "r1", "钢铁",
                         "海城市马风镇二村", "刘明", "13968301432", std::nullopt});
    Equipment a;
    a.id = "eq1";
    a.enterprise_id = "e1";
    a.kind = "中频炉";
    a.spec = "5吨";
    a.capacity = Capacity{5.2, "万吨/年"};
    a.plan_year = 2017;
    store.put(a);
    Equipment b = a;
    b.id = "eq2";
    b.kind = "工频炉";
    b.spec = "3吨";
    b.count = 2;
    b.capacity = Capacity{3.0, "万吨/年"};
    b.action = RequiredAction::SealThenDismantle;
    b.dismantle_deadline = "2017-12-30";
    store.put(b);
    store.put(Task{"t1", "e1", VisitKind::Exit, due, {"zhang"}});
    Card card;
    card.id = "c1";
    card.enterprise_id = "e1";
    card.issued_on = "2017-03-01";
    card.rectify_by = "2017-09-01";
    card.department = "海城市经信局";
    store.put(card);
}

std::string startMiniVisit(DeviceStore &store, VisitKind kind, std::vector<std::string> inspectors,
                           const std::string &representative)
{
    return store
        .startInspection(
            NewInspection{std::string("t1"), "e1", kind, std::move(inspectors), representative, {}})
        .id;
}

std::string saveFinding(DeviceStore &store, const std::string &inspectionId,
                        const std::string &equipmentId, Finding finding)
{
    EquipmentCheck c;
    c.inspection_id = inspectionId;
    c.equipment_id = equipmentId;
    c.finding = finding;
    return store.saveCheck(c).id;
}

namespace {

/// A plain demo picture, then (with `watermark`) the app's own pipeline over it, so stored
/// demo photos look like the ones inspectors take.
std::filesystem::path demoJpeg(const QString &dir, const QString &name, QColor colour,
                               const Watermark *watermark = nullptr);

std::filesystem::path demoJpeg(const QString &dir, const QString &name, QColor colour,
                               const Watermark *watermark)
{
    const QString path =
        writeFramedJpeg(dir + QLatin1Char('/') + name + QStringLiteral(".jpg"), colour);
    if (!watermark)
        return path.toStdString();
    PhotoJob job{path, dir + QLatin1Char('/') + name + QStringLiteral("-wm.jpg"), 2560, 85,
                 *watermark};
    return PhotoPipeline::process(job).ok ? job.output.toStdString() : path.toStdString();
}

std::string signaturePng()
{
    QImage image(600, 200, QImage::Format_Grayscale8);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(Qt::black, 5, Qt::SolidLine, Qt::RoundCap));
    QPainterPath path(QPointF(40, 140));
    path.cubicTo(120, 20, 160, 190, 240, 90);
    path.cubicTo(300, 20, 360, 170, 440, 80);
    path.lineTo(560, 120);
    p.drawPath(path);
    p.end();
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png.toStdString();
}

} // namespace

void writeSamplePhotos(const QString &dir)
{
    const QColor colours[] = {QColor(0x8d, 0x6e, 0x63), QColor(0x54, 0x6e, 0x7a),
                              QColor(0x55, 0x8b, 0x2f), QColor(0x45, 0x5a, 0x64)};
    int n = 0;
    for (const QColor &c : colours)
        demoJpeg(dir, QStringLiteral("IMG_2017061%1").arg(++n), c);
}

void addDemoVisits(DeviceStore &store, const QString &scratchDir, const std::string &inspector)
{
    const auto tasks = store.tasks();
    auto taskOf = [&](VisitKind kind, int skip) -> std::optional<Task> {
        for (const Task &t : tasks) {
            if (t.kind == kind && skip-- == 0)
                return t;
        }
        return std::nullopt;
    };
    auto start = [&](const Task &t) {
        NewInspection n{t.id,        t.enterprise_id, t.kind,
                        {inspector}, "刘明",          Position{40.851, 122.752, 8.0}};
        return store.startInspection(n);
    };
    auto sealedCheck = [&](const Inspection &i, const Equipment &e, bool photos) {
        EquipmentCheck c;
        c.inspection_id = i.id;
        c.equipment_id = e.id;
        c.finding = Finding::Sealed;
        c.water_cut = c.power_cut = c.main_equipment_sealed = true;
        c.seal_numbers = {"HC-2017-0815", "HC-2017-0816"};
        c = store.saveCheck(c);
        if (photos) {
            const auto enterprise = store.enterprise(i.enterprise_id);
            const Watermark wm{QStringLiteral("2017-11-20 10:32:05"),
                               QStringLiteral("40.85100°N 122.75200°E ±8 m"),
                               QString::fromStdString(enterprise ? enterprise->name : ""),
                               QString::fromStdString(e.kind + " " + e.spec) +
                                   QStringLiteral(" · 封条"),
                               QString::fromStdString(inspector)};
            store.addPhoto(NewPhoto{i.id, c.id, EvidenceTag::Seal,
                                    demoJpeg(scratchDir, "seal", QColor(0x8d, 0x6e, 0x63), &wm),
                                    1600, 1200, Position{40.851, 122.752, 8.0},
                                    e.kind + " · 封条"});
        }
        return c;
    };
    auto dismantledCheck = [&](const Inspection &i, const Equipment &e) {
        EquipmentCheck c;
        c.inspection_id = i.id;
        c.equipment_id = e.id;
        c.finding = Finding::Dismantled;
        c = store.saveCheck(c);
        store.addPhoto(NewPhoto{i.id, c.id, EvidenceTag::DismantledSite,
                                demoJpeg(scratchDir, "site", QColor(0x54, 0x6e, 0x7a)), 1600, 1200,
                                std::nullopt, e.kind + " · 拆除现场"});
        return c;
    };

    // A draft acceptance visit: one item sealed with photos still missing, one not checked.
    if (auto t = taskOf(VisitKind::Acceptance, 0)) {
        const Inspection i = start(*t);
        const auto eq = store.equipmentOf(t->enterprise_id);
        if (!eq.empty())
            sealedCheck(i, eq.front(), true);
        Opinion o;
        o.inspection_id = i.id;
        o.verdict = Verdict::Conditional;
        o.text = "经现场核查，冲天炉已断水、断电，主体设备已封存，封条完好。"
                 "企业须于期限内完成拆除，届时复查。";
        o.follow_up_deadline = "2017-12-30";
        o.signatures = {Signature{SignerRole::Inspector, inspector,
                                  store.storeSignature(signaturePng()),
                                  "2017-11-20T02:30:00.000Z"}};
        store.saveOpinion(o);
    }
    // Final and waiting; final and synced; final and returned by the office.
    for (int k = 0; k < 3; ++k) {
        const auto t = taskOf(VisitKind::Exit, k);
        if (!t)
            break;
        const Inspection i = start(*t);
        for (const Equipment &e : store.equipmentOf(t->enterprise_id))
            dismantledCheck(i, e);
        store.finalise(i.id);
        if (k >= 1) {
            for (const OutboxItem &item : store.pendingOutbox()) {
                if (item.id == i.id)
                    store.markPushed(item.type, item.id, item.version);
            }
        }
        if (k == 2)
            store.put(Review{i.id, ReviewState::Returned,
                             "拆除现场照片看不清设备位置，请补拍全景。",
                             "2017-11-02T09:00:00.000Z"});
    }
    // A draft exit visit, just started.
    if (auto t = taskOf(VisitKind::Exit, 3))
        start(*t);
}

void enrol(DeviceStore &store, const std::string &serverUrl, const std::string &username)
{
    Enrolment e;
    e.server_url = serverUrl;
    e.device_id = newId();
    e.token = std::string(64, 'a');
    e.username = username;
    saveEnrolment(store, e);
}

} // namespace fp::test
