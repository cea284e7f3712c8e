#include "text/problemtext.h"

#include <QCoreApplication>

namespace fp {

namespace {

QString bare(const Problem &p)
{
    switch (p.code) {
    case ProblemCode::NoChecks:
        return QCoreApplication::translate("Problem",
                                           "Record a finding for at least one equipment item.");
    case ProblemCode::SealedNeedsSealPhoto:
        return QCoreApplication::translate("Problem", "Sealed: take a photo of the seal.");
    case ProblemCode::SealedNeedsPowerCutPhoto:
        return QCoreApplication::translate("Problem",
                                           "Sealed: take a photo showing the power is cut.");
    case ProblemCode::SealedNeedsSealNumber:
        return QCoreApplication::translate("Problem", "Sealed: enter at least one seal number.");
    case ProblemCode::DismantledNeedsSitePhoto:
        return QCoreApplication::translate("Problem",
                                           "Dismantled: take a photo of the dismantled site.");
    case ProblemCode::AcceptanceNeedsOpinion:
        return QCoreApplication::translate("Problem", "Write the acceptance opinion.");
    case ProblemCode::OpinionNeedsInspectorSignature:
        return QCoreApplication::translate(
            "Problem", "The acceptance opinion needs an inspector's signature.");
    case ProblemCode::OpinionNeedsRepresentativeSignature:
        return QCoreApplication::translate(
            "Problem", "The acceptance opinion needs the enterprise representative's signature.");
    case ProblemCode::AcceptanceUncheckedItem:
        return QCoreApplication::translate(
            "Problem", "Acceptance: record what was found for this planned item.");
    case ProblemCode::SealedNeedsWaterCut:
        return QCoreApplication::translate("Problem", "Sealed: confirm the water supply is cut.");
    case ProblemCode::SealedNeedsPowerCut:
        return QCoreApplication::translate("Problem", "Sealed: confirm the power supply is cut.");
    case ProblemCode::SealedNeedsPowerUnitsRemoved:
        return QCoreApplication::translate("Problem",
                                           "Sealed: confirm the power units are removed.");
    case ProblemCode::SealedNeedsMainEquipmentSealed:
        return QCoreApplication::translate("Problem",
                                           "Sealed: confirm the main equipment is sealed.");
    case ProblemCode::SealedNeedsCommitmentLetter:
        return QCoreApplication::translate("Problem",
                                           "Sealing needs the enterprise's public commitment: "
                                           "photograph the signed commitment letter.");
    case ProblemCode::PassNeedsDismantled:
        return QCoreApplication::translate(
            "Problem", "A \"pass\" verdict needs this item dismantled with a photo of the site: "
                       "record the finding, or choose \"conditional\" or \"fail\".");
    case ProblemCode::ConditionalItemNotAllowed:
        return QCoreApplication::translate(
            "Problem",
            "A \"conditional\" verdict allows only items that may be sealed, properly sealed and "
            "within their dismantling deadline: this item must be dismantled, or choose \"fail\".");
    case ProblemCode::PhotoFileMissing:
        return QCoreApplication::translate(
            "Problem",
            "A photo file is missing on this tablet: delete that photo and take it again.");
    case ProblemCode::ForeignCheck:
    case ProblemCode::ForeignPhoto:
    case ProblemCode::PhotoUnknownCheck:
    case ProblemCode::BadPhotoHash:
    case ProblemCode::ForeignOpinion:
    case ProblemCode::BadSignatureHash:
        break;
    }
    // The remaining codes mean the device data is inconsistent; no inspector action fixes
    // them, so say so and keep the technical text for the office.
    return QCoreApplication::translate(
               "Problem", "Data problem (%1): %2. Do not delete anything; tell the office.")
        .arg(QString::fromUtf8(toString(p.code)), QString::fromStdString(p.message));
}

} // namespace

QString problemSentence(const Problem &problem, const QString &subject)
{
    const QString text = bare(problem);
    if (subject.isEmpty())
        return text;
    return QCoreApplication::translate("Problem", "%1 — %2").arg(subject, text);
}

} // namespace fp
