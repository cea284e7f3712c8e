#pragma once
// Small PNG "signatures" for simulated acceptance opinions: valid PNG files built by hand
// (stored deflate blocks), so simulate needs no image library for them.

#include <cstdint>
#include <string>

namespace fp::sim {

/// A 160 x 48 greyscale PNG with a stroke pattern that depends on `seed`.
std::string signaturePng(std::uint64_t seed);

} // namespace fp::sim
