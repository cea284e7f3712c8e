#include "text/labels.h"

#include <QCoreApplication>

#include <array>

namespace fp::labels {

namespace {

template <typename E, std::size_t N> QString pick(const std::array<const char *, N> &texts, E value)
{
    static_assert(N == EnumNames<E>::names.size());
    return QCoreApplication::translate("Labels", texts.at(static_cast<std::size_t>(value)));
}

} // namespace

QString finding(Finding v)
{
    static constexpr std::array<const char *, 6> texts = {
        QT_TRANSLATE_NOOP("Labels", "Dismantled"),
        QT_TRANSLATE_NOOP("Labels", "Sealed"),
        QT_TRANSLATE_NOOP("Labels", "Still operating"),
        QT_TRANSLATE_NOOP("Labels", "Idle, not sealed"),
        QT_TRANSLATE_NOOP("Labels", "Whereabouts unknown"),
        QT_TRANSLATE_NOOP("Labels", "Does not match the list")};
    return pick(texts, v);
}

QString evidenceTag(EvidenceTag v)
{
    static constexpr std::array<const char *, 8> texts = {
        QT_TRANSLATE_NOOP("Labels", "Overview"),
        QT_TRANSLATE_NOOP("Labels", "Nameplate"),
        QT_TRANSLATE_NOOP("Labels", "Seal"),
        QT_TRANSLATE_NOOP("Labels", "Power cut"),
        QT_TRANSLATE_NOOP("Labels", "Water cut"),
        QT_TRANSLATE_NOOP("Labels", "Dismantled site"),
        QT_TRANSLATE_NOOP("Labels", "Commitment letter"),
        QT_TRANSLATE_NOOP("Labels", "Other")};
    return pick(texts, v);
}

QString visitKind(VisitKind v)
{
    static constexpr std::array<const char *, 4> texts = {
        QT_TRANSLATE_NOOP("Labels", "Survey"), QT_TRANSLATE_NOOP("Labels", "Exit"),
        QT_TRANSLATE_NOOP("Labels", "Acceptance"), QT_TRANSLATE_NOOP("Labels", "Re-check")};
    return pick(texts, v);
}

QString verdict(Verdict v)
{
    static constexpr std::array<const char *, 3> texts = {
        QT_TRANSLATE_NOOP("Labels", "Pass"), QT_TRANSLATE_NOOP("Labels", "Fail"),
        QT_TRANSLATE_NOOP("Labels", "Pass with conditions")};
    return pick(texts, v);
}

QString signerRole(SignerRole v)
{
    static constexpr std::array<const char *, 2> texts = {
        QT_TRANSLATE_NOOP("Labels", "Inspector"),
        QT_TRANSLATE_NOOP("Labels", "Enterprise representative")};
    return pick(texts, v);
}

QString cardLevel(CardLevel v)
{
    static constexpr std::array<const char *, 4> texts = {
        QT_TRANSLATE_NOOP("Labels", "Yellow card"), QT_TRANSLATE_NOOP("Labels", "Red card"),
        QT_TRANSLATE_NOOP("Labels", "Excess emission"),
        QT_TRANSLATE_NOOP("Labels", "Severe excess emission")};
    return pick(texts, v);
}

QString cardStandard(CardStandard v)
{
    static constexpr std::array<const char *, 5> texts = {
        QT_TRANSLATE_NOOP("Labels", "Energy"), QT_TRANSLATE_NOOP("Labels", "Environment"),
        QT_TRANSLATE_NOOP("Labels", "Quality"), QT_TRANSLATE_NOOP("Labels", "Safety"),
        QT_TRANSLATE_NOOP("Labels", "Technology")};
    return pick(texts, v);
}

QString cardState(CardState v)
{
    static constexpr std::array<const char *, 4> texts = {
        QT_TRANSLATE_NOOP("Labels", "Open"), QT_TRANSLATE_NOOP("Labels", "Rectified"),
        QT_TRANSLATE_NOOP("Labels", "Closed by law"), QT_TRANSLATE_NOOP("Labels", "Withdrawn")};
    return pick(texts, v);
}

QString requiredAction(RequiredAction v)
{
    static constexpr std::array<const char *, 2> texts = {
        QT_TRANSLATE_NOOP("Labels", "Dismantle"),
        QT_TRANSLATE_NOOP("Labels", "Seal, then dismantle")};
    return pick(texts, v);
}

QString regionKind(RegionKind v)
{
    static constexpr std::array<const char *, 3> texts = {
        QT_TRANSLATE_NOOP("Labels", "Town"), QT_TRANSLATE_NOOP("Labels", "Management area"),
        QT_TRANSLATE_NOOP("Labels", "Development zone")};
    return pick(texts, v);
}

} // namespace fp::labels
