#pragma once
// Real JPEG files of a chosen size for simulated evidence (libjpeg-turbo, no Qt), so that
// tests and benchmarks move bytes shaped like the photos inspectors take.

#include <cstdint>
#include <filesystem>

namespace fp::sim {

struct JpegInfo
{
    int width = 0;
    int height = 0;
    std::int64_t bytes = 0;
};

/// Writes a width x height JPEG of a noisy gradient seeded by `seed`; throws Error on failure.
JpegInfo writeJpeg(const std::filesystem::path &file, int width, int height, std::uint64_t seed,
                   int quality = 90);

/// Writes a 4:3 JPEG of about `targetBytes` bytes (within ~15 %): the size is calibrated on
/// a small image of the same kind first, then corrected once.
JpegInfo writeJpegOfSize(const std::filesystem::path &file, std::int64_t targetBytes,
                         std::uint64_t seed);

} // namespace fp::sim
