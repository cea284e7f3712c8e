#include "testdata.h"

#include "core/ids.h"
#include "devicesigner.h"
#include "protocol/push.h"

#include <QFile>
#include <QStringList>

namespace fp::test {

QString sourceDir()
{
    const QString env = qEnvironmentVariable("FIELDPROOF_SOURCE_DIR");
    return env.isEmpty() ? QStringLiteral(FIELDPROOF_SOURCE_DIR_DEFAULT) : env;
}

QString samplePlan()
{
    return sourceDir() + "/data/plan-sample.csv";
}

std::vector<QString> samplePlanRegions()
{
    QFile f(samplePlan());
    std::vector<QString> out;
    if (!f.open(QIODevice::ReadOnly))
        return out;
    const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
    for (int i = 1; i < lines.size(); ++i) {
        const QStringList cells = lines[i].split(',');
        if (cells.size() > 1 && !cells[1].trimmed().isEmpty())
            out.push_back(cells[1].trimmed());
    }
    return out;
}

InspectionBundle draftBundle(const std::string &enterpriseId, const std::string &equipmentId)
{
    InspectionBundle b;
    b.inspection.id = newId();
    b.inspection.enterprise_id = enterpriseId;
    b.inspection.kind = VisitKind::Survey;
    b.inspection.inspectors = {"zhang"};
    b.inspection.started_at = "2017-05-02T01:30:00.000Z";
    b.inspection.state = InspectionState::Draft;
    EquipmentCheck c;
    c.id = newId();
    c.inspection_id = b.inspection.id;
    c.equipment_id = equipmentId;
    c.finding = Finding::Operating;
    c.checked_at = "2017-05-02T01:40:00.000Z";
    b.checks.push_back(c);
    return b;
}

InspectionBundle finalDismantledBundle(const std::string &enterpriseId,
                                       const std::string &equipmentId, const std::string &photoSha,
                                       std::int64_t photoSize)
{
    InspectionBundle b = draftBundle(enterpriseId, equipmentId);
    b.inspection.kind = VisitKind::Exit;
    b.inspection.state = InspectionState::Final;
    b.inspection.finished_at = "2017-09-02T03:00:00.000Z";
    b.checks[0].finding = Finding::Dismantled;
    Photo p;
    p.id = newId();
    p.inspection_id = b.inspection.id;
    p.check_id = b.checks[0].id;
    p.tag = EvidenceTag::DismantledSite;
    p.sha256 = photoSha;
    p.size = photoSize;
    p.width = 2560;
    p.height = 1920;
    p.taken_at = "2017-09-02T02:50:00.000Z";
    b.photos.push_back(p);
    return b;
}

InspectionBundle finalAllDismantledBundle(const std::string &enterpriseId,
                                          const std::vector<std::string> &equipmentIds,
                                          const std::string &photoSha, std::int64_t photoSize,
                                          VisitKind kind, std::optional<Verdict> verdict)
{
    InspectionBundle b =
        finalDismantledBundle(enterpriseId, equipmentIds.at(0), photoSha, photoSize);
    b.inspection.kind = kind;
    for (std::size_t i = 1; i < equipmentIds.size(); ++i) {
        EquipmentCheck c = b.checks[0];
        c.id = newId();
        c.equipment_id = equipmentIds[i];
        Photo p = b.photos[0];
        p.id = newId();
        p.check_id = c.id;
        b.checks.push_back(c);
        b.photos.push_back(p);
    }
    if (verdict) {
        Opinion o;
        o.id = newId();
        o.inspection_id = b.inspection.id;
        o.verdict = *verdict;
        o.text = "经现场核查，计划内设备已全部拆除，同意验收。";
        o.signatures = {{SignerRole::Inspector, "张伟", photoSha, "2017-09-02T03:00:00.000Z"},
                        {SignerRole::Representative, "刘明", photoSha, "2017-09-02T03:00:00.000Z"}};
        b.opinion = o;
    }
    return b;
}

Json pushItem(const InspectionBundle &bundle, std::int64_t version)
{
    PushItem item;
    item.type = "inspection";
    item.id = bundle.inspection.id;
    item.version = version;
    item.data = Json(bundle);
    item.device_time = "2017-09-02T03:00:01.000Z";
    return Json(item);
}

std::string pushBody(const std::string &deviceId, const std::vector<Json> &items)
{
    std::vector<Json> signedItems = items;
    if (DeviceSigner *signer = signerFor(deviceId)) {
        for (Json &item : signedItems) {
            const bool final =
                item.contains("data") && item["data"].is_object() &&
                item["data"].value("inspection", Json::object()).value("state", "") == "final";
            if (final && !item.contains("statement"))
                item = signer->signItem(std::move(item));
        }
    }
    return Json{{"device_id", deviceId}, {"batch_id", newId()}, {"items", signedItems}}.dump();
}

} // namespace fp::test
