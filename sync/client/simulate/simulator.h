#pragma once
// Fills a device store with finalised inspections of the enterprises it has pulled, with real
// JPEG photos and PNG signatures, the way an inspector's day would: for tests and benchmarks.

#include "device/devicestore.h"

#include <cstdint>
#include <string>

namespace fp::sim {

struct SimulateOptions
{
    int inspections = 0;
    int photos = 0; // spread over the inspections, at most one inspection's share apart
    std::int64_t photo_bytes = std::int64_t{1536} * 1024;
    std::uint64_t seed = 1;
    std::string inspector = "simulated";
    /// Every tenth inspection is an acceptance visit with a signed opinion (two PNG blobs). It
    /// checks every planned item of its enterprise, each further item dismantled with one more
    /// photo beyond `photos`.
    bool acceptance_visits = true;
};

struct SimulateResult
{
    int inspections = 0;
    int photos = 0;
    int signatures = 0;
    std::int64_t photo_bytes = 0;
};

/// Writes simulated evidence into one DeviceStore.
class Simulator
{
  public:
    Simulator(DeviceStore &store, SimulateOptions options);

    /// Throws Error when the device holds no enterprise yet (pull first).
    SimulateResult run();

  private:
    void addInspection(int index, int photoCount, SimulateResult &result);
    /// Records one item of `visit` with `photoCount` photos; returns its finding.
    Finding addCheck(const Inspection &visit, const std::optional<Equipment> &item, int index,
                     int photoCount, std::uint64_t seed, SimulateResult &result);

    DeviceStore &m_store;
    SimulateOptions m_options;
    std::vector<Enterprise> m_enterprises;
    std::filesystem::path m_scratch;
};

} // namespace fp::sim
