#pragma once
// The words an inspector reads for the core's vocabularies, translated at call time (so a
// language switch takes effect on the next call).

#include "core/enums.h"

#include <QString>

namespace fp::labels {

QString finding(Finding v);
QString evidenceTag(EvidenceTag v);
QString visitKind(VisitKind v);
QString verdict(Verdict v);
QString signerRole(SignerRole v);
QString cardLevel(CardLevel v);
QString cardStandard(CardStandard v);
QString cardState(CardState v);
QString requiredAction(RequiredAction v);
QString regionKind(RegionKind v);

} // namespace fp::labels
