#pragma once
// The core's closed vocabularies as QML enums (Vocabulary.Sealed, Vocabulary.Seal ...), kept
// in the core's order so a value converts with a static_cast.

#include "core/enums.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace Vocabulary {
Q_NAMESPACE
QML_ELEMENT

enum Finding { Dismantled, Sealed, Operating, IdleUnsealed, Missing, Mismatch };
Q_ENUM_NS(Finding)
enum EvidenceTag {
    Overview,
    Nameplate,
    Seal,
    PowerCut,
    WaterCut,
    DismantledSite,
    CommitmentLetter,
    Other
};
Q_ENUM_NS(EvidenceTag)
enum VisitKind { Survey, Exit, Acceptance, Recheck };
Q_ENUM_NS(VisitKind)
enum Verdict { Pass, Fail, Conditional };
Q_ENUM_NS(Verdict)
enum SignerRole { Inspector, Representative };
Q_ENUM_NS(SignerRole)
/// The four measures of a sealed item (DESIGN §3), in the order the checklist shows them.
enum SealMeasure { WaterCutMeasure, PowerCutMeasure, PowerUnitsRemovedMeasure, MainSealedMeasure };
Q_ENUM_NS(SealMeasure)

static_assert(int(Mismatch) == int(fp::Finding::Mismatch));
static_assert(int(Other) == int(fp::EvidenceTag::Other));
static_assert(int(Recheck) == int(fp::VisitKind::Recheck));
static_assert(int(Conditional) == int(fp::Verdict::Conditional));
static_assert(int(Representative) == int(fp::SignerRole::Representative));

} // namespace Vocabulary

namespace fp {

/// A QML int as a core enum value, or nothing when it is out of range.
template <typename E> std::optional<E> enumFromInt(int value)
{
    if (value < 0 || value >= static_cast<int>(EnumNames<E>::names.size()))
        return std::nullopt;
    return static_cast<E>(value);
}

} // namespace fp
