// A child process for tst_crashsafety: writes complete inspections with real JPEG photos into
// a device store as fast as it can, printing "committed <id>" after each finalise returned.
// The parent SIGKILLs it at a random moment. Usage: fp_crash_writer DB PHOTO_DIR SEED

#include "device/devicestore.h"
#include "testimages.h"

#include <QDir>
#include <QFile>
#include <QString>

#include <cstdio>

int main(int argc, char **argv)
{
    if (argc != 4) {
        std::fprintf(stderr, "usage: fp_crash_writer DB PHOTO_DIR SEED\n");
        return 2;
    }
    const QString scratch = QString::fromLocal8Bit(argv[2]) + "/../scratch";
    QDir().mkpath(scratch);
    quint32 seed = static_cast<quint32>(std::strtoul(argv[3], nullptr, 10));
    try {
        fp::DeviceStore store(argv[1], argv[2]);
        std::printf("opened\n");
        std::fflush(stdout);
        for (;;) {
            fp::NewInspection start;
            start.enterprise_id = "enterprise-" + std::to_string(seed % 7);
            start.kind = fp::VisitKind::Exit;
            start.inspectors = {"zhang", "li"};
            const fp::Inspection visit = store.startInspection(start);

            fp::EquipmentCheck sealed;
            sealed.inspection_id = visit.id;
            sealed.equipment_id = "equipment-sealed";
            sealed.finding = fp::Finding::Sealed;
            sealed.water_cut = sealed.power_cut = sealed.main_equipment_sealed = true;
            sealed.power_units_removed = true;
            sealed.seal_numbers = {"HC-" + std::to_string(seed)};
            sealed = store.saveCheck(sealed);

            fp::EquipmentCheck gone;
            gone.inspection_id = visit.id;
            gone.equipment_id = "equipment-dismantled";
            gone.finding = fp::Finding::Dismantled;
            gone = store.saveCheck(gone);

            const std::pair<std::string, fp::EvidenceTag> shots[] = {
                {sealed.id, fp::EvidenceTag::Seal},
                {sealed.id, fp::EvidenceTag::PowerCut},
                {sealed.id, fp::EvidenceTag::CommitmentLetter},
                {gone.id, fp::EvidenceTag::DismantledSite}};
            for (const auto &[checkId, tag] : shots) {
                const QString file = scratch + "/" + QString::number(seed) + ".jpg";
                if (fp::test::writeBlockJpeg(file, 480, 360, seed++) < 0)
                    return 3;
                fp::NewPhoto photo{visit.id, checkId, tag, file.toStdString(), 480, 360, {}, {}};
                store.addPhoto(photo);
                QFile::remove(file);
            }
            if (!store.finalise(visit.id).empty())
                return 4;
            std::printf("committed %s\n", visit.id.c_str());
            std::fflush(stdout);
        }
    } catch (const std::exception &e) {
        std::fprintf(stderr, "fp_crash_writer: %s\n", e.what());
        return 1;
    }
}
