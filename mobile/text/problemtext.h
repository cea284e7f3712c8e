#pragma once
// The finalise rules' problems (core/validation.h) as sentences an inspector can act on.

#include "core/validation.h"

#include <QString>

namespace fp {

/// "中频炉 5吨: take a photo of the seal." — `subject` names the equipment item the problem
/// concerns; with an empty subject the sentence stands alone (shown inside that item's card).
QString problemSentence(const Problem &problem, const QString &subject = {});

} // namespace fp
