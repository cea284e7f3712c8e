#include "simulator.h"

#include "core/ids.h"
#include "core/planrules.h"
#include "jpegfile.h"
#include "pngsignature.h"

namespace fp::sim {

namespace {

std::uint64_t mix(std::uint64_t a, std::uint64_t b)
{
    std::uint64_t x = a * 0x9E3779B97F4A7C15ull ^ (b + 0x632BE59BD9B4E019ull);
    x ^= x >> 31;
    x *= 0xBF58476D1CE4E5B9ull;
    return x ^ (x >> 29);
}

/// Removes the scratch folder whatever happens.
struct ScratchGuard
{
    std::filesystem::path dir;
    ~ScratchGuard()
    {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

} // namespace

Simulator::Simulator(DeviceStore &store, SimulateOptions options)
    : m_store(store), m_options(std::move(options))
{
}

SimulateResult Simulator::run()
{
    m_enterprises = m_store.enterprises();
    if (m_enterprises.empty())
        throw Error("the device holds no enterprise yet; sync once to pull the plan first");
    if (m_options.inspections < 0 || m_options.photos < 0 ||
        (m_options.photos > 0 && m_options.inspections == 0))
        throw Error("photos need inspections to belong to");
    m_scratch = std::filesystem::temp_directory_path() / ("fieldproof-simulate-" + newId());
    std::filesystem::create_directories(m_scratch);
    ScratchGuard guard{m_scratch};

    SimulateResult result;
    const int n = m_options.inspections;
    for (int i = 0; i < n; ++i) {
        const int photos = m_options.photos / n + (i < m_options.photos % n ? 1 : 0);
        addInspection(i, photos, result);
    }
    return result;
}

void Simulator::addInspection(int index, int photoCount, SimulateResult &result)
{
    const std::uint64_t seed = mix(m_options.seed, static_cast<std::uint64_t>(index));
    const Enterprise &enterprise = m_enterprises[seed % m_enterprises.size()];
    const bool acceptance = m_options.acceptance_visits && index % 10 == 9;

    NewInspection start;
    start.enterprise_id = enterprise.id;
    start.kind =
        acceptance ? VisitKind::Acceptance : (index % 2 ? VisitKind::Exit : VisitKind::Survey);
    start.inspectors = {m_options.inspector};
    start.representative = "代表 " + std::to_string(index);
    start.position = enterprise.location;
    const Inspection visit = m_store.startInspection(start);

    const auto equipment = m_store.equipmentOf(enterprise.id);
    std::optional<Equipment> main;
    if (!equipment.empty())
        main = equipment[seed / 7 % equipment.size()];
    addCheck(visit, main, index, photoCount, seed, result);
    if (acceptance) { // an acceptance visit covers the whole plan of the enterprise
        std::uint64_t k = 0;
        for (const Equipment &e : equipment) {
            if (e.id != main->id)
                addCheck(visit, e, index, 1, mix(seed, 1000 + ++k), result);
        }
    }

    if (acceptance) {
        // The strongest verdict the work plan's rules allow for these findings.
        const auto bundle = m_store.bundle(visit.id);
        Opinion opinion;
        opinion.inspection_id = visit.id;
        opinion.verdict = supportedVerdict(bundle, equipment);
        opinion.text = opinion.verdict == Verdict::Pass
                           ? "经现场核查，该企业落后产能设备已全部拆除。"
                       : opinion.verdict == Verdict::Conditional
                           ? "经现场核查，其余设备已按要求封存，限期拆除后通过验收。"
                           : "经现场核查，该企业仍有落后产能设备未拆除或未封存，不予通过验收。";
        const std::string now = formatTimestamp(SystemClock::instance().now());
        opinion.signatures = {Signature{SignerRole::Inspector, m_options.inspector,
                                        m_store.storeSignature(signaturePng(seed)), now},
                              Signature{SignerRole::Representative, start.representative,
                                        m_store.storeSignature(signaturePng(seed + 1)), now}};
        m_store.saveOpinion(opinion);
        result.signatures += 2;
    }

    const auto problems = m_store.finalise(visit.id);
    if (!problems.empty())
        throw Error("simulated inspection " + visit.id +
                    " could not be finalised: " + problems.front().message);
    ++result.inspections;
}

Finding Simulator::addCheck(const Inspection &visit, const std::optional<Equipment> &item,
                            int index, int photoCount, std::uint64_t seed, SimulateResult &result)
{
    EquipmentCheck check;
    check.inspection_id = visit.id;
    if (item)
        check.equipment_id = item->id;
    else
        check.unlisted = UnlistedItem{"中频炉", "simulated", Capacity{1.0, "万吨/年"}};
    // A proper seal (seed §二(二)1): the four measures, a seal number, seal and power-cut
    // photos and the enterprise's commitment letter, so it needs three photos.
    const bool sealed = photoCount >= 3 && index % 2 == 0;
    if (photoCount == 0)
        check.finding = (index % 3 == 0)   ? Finding::Operating
                        : (index % 3 == 1) ? Finding::IdleUnsealed
                                           : Finding::Missing;
    else
        check.finding = sealed ? Finding::Sealed : Finding::Dismantled;
    if (sealed) {
        check.water_cut = check.power_cut = check.main_equipment_sealed = true;
        check.power_units_removed = true;
        check.seal_numbers = {"HC-" + std::to_string(100000 + index)};
    }
    check.notes = "simulated check " + std::to_string(index);
    check = m_store.saveCheck(check);

    for (int p = 0; p < photoCount; ++p) {
        const std::uint64_t photoSeed = mix(seed, static_cast<std::uint64_t>(p) + 1);
        const auto file =
            m_scratch / (std::to_string(index) + "-" + std::to_string(photoSeed) + ".jpg");
        const JpegInfo jpeg = writeJpegOfSize(file, m_options.photo_bytes, photoSeed);
        NewPhoto photo;
        photo.inspection_id = visit.id;
        photo.check_id = check.id;
        photo.tag = sealed ? (p == 0   ? EvidenceTag::Seal
                              : p == 1 ? EvidenceTag::PowerCut
                              : p == 2 ? EvidenceTag::CommitmentLetter
                                       : EvidenceTag::Overview)
                           : (p == 0 ? EvidenceTag::DismantledSite : EvidenceTag::Overview);
        photo.file = file;
        photo.width = jpeg.width;
        photo.height = jpeg.height;
        photo.position = visit.position;
        photo.caption = "simulated photo " + std::to_string(p + 1);
        m_store.addPhoto(photo);
        std::filesystem::remove(file);
        ++result.photos;
        result.photo_bytes += jpeg.bytes;
    }

    return check.finding;
}

} // namespace fp::sim
