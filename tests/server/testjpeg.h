#pragma once
// JPEG byte surgery for the thumbnail tests: what a hostile upload could declare.

#include <string>

namespace fp::test {

/// `jpeg` with the frame size in its SOF0/SOF2 marker overwritten to `width` x `height` (the
/// data stays small); empty when no such marker is found.
inline std::string jpegDeclaringSize(std::string jpeg, int width, int height)
{
    for (std::size_t at = 2; at + 9 < jpeg.size();) {
        const int marker = static_cast<unsigned char>(jpeg[at + 1]);
        if (marker == 0xC0 || marker == 0xC2) {
            jpeg[at + 5] = static_cast<char>(height >> 8);
            jpeg[at + 6] = static_cast<char>(height & 255);
            jpeg[at + 7] = static_cast<char>(width >> 8);
            jpeg[at + 8] = static_cast<char>(width & 255);
            return jpeg;
        }
        at += 2 + static_cast<unsigned char>(jpeg[at + 2]) * 256u +
              static_cast<unsigned char>(jpeg[at + 3]);
    }
    return {};
}

} // namespace fp::test
