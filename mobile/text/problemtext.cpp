#include "text/problemtext.h"

#include <QCoreApplication>

namespace fp {

namespace {

QString bare(const Problem &p)
{
    const std::string &c = p.code;
    if (c == "no_checks")
        return QCoreApplication::translate("Problem", "Record a finding for at least one equipment item.");
    if (c == "sealed_needs_seal_photo")
        return QCoreApplication::translate("Problem", "Sealed: take a photo of the seal.");
    if (c == "sealed_needs_power_cut_photo")
        return QCoreApplication::translate("Problem", "Sealed: take a photo showing the power is cut.");
    if (c == "sealed_needs_seal_number")
        return QCoreApplication::translate("Problem", "Sealed: enter at least one seal number.");
    if (c == "dismantled_needs_site_photo")
        return QCoreApplication::translate("Problem", "Dismantled: take a photo of the dismantled site.");
    if (c == "acceptance_needs_opinion")
        return QCoreApplication::translate("Problem", "Write the acceptance opinion.");
    if (c == "opinion_needs_inspector_signature")
        return QCoreApplication::translate("Problem", "The acceptance opinion needs an inspector's signature.");
    if (c == "opinion_needs_representative_signature")
        return QCoreApplication::translate("Problem", "The acceptance opinion needs the enterprise representative's signature.");
    if (c == "acceptance_unchecked_item")
        return QCoreApplication::translate("Problem", "Acceptance: record what was found for this planned item.");
    if (c == "pass_with_open_item")
        return QCoreApplication::translate("Problem", "A \"pass\" verdict needs this item dismantled or sealed: change the finding or the verdict.");
    if (c == "photo_file_missing")
        return QCoreApplication::translate("Problem", "A photo file is missing on this tablet: delete that photo and take it again.");
    // The remaining codes mean the device data is inconsistent; no inspector action fixes
    // them, so say so and keep the technical text for the office.
    return QCoreApplication::translate("Problem", "Data problem (%1): %2. Do not delete anything; tell the office.")
        .arg(QString::fromStdString(c), QString::fromStdString(p.message));
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
