#pragma once
// Real JPEG files for tests, made with Qt's image writer (nothing large is committed).

#include <QString>

namespace fp::test {

/// Writes a width x height JPEG of noisy blocks seeded by `seed` to `path`; returns its size.
qint64 writeJpeg(const QString &path, int width, int height, quint32 seed);

} // namespace fp::test
