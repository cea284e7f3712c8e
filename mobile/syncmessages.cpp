#include "syncmessages.h"

#include <QCoreApplication>

namespace fp {

namespace {

QString t(const char *text)
{
    return QCoreApplication::translate("SyncMessages", text);
}

} // namespace

QString syncOutcomeText(const SyncRunResult &result, bool enrolling)
{
    const QString detail = QString::fromStdString(result.message);
    switch (result.failure) {
    case SyncFailure::None:
        if (result.items_left > 0)
            return QCoreApplication::translate(
                       "SyncMessages",
                       "%n visit(s) were not accepted by the office and stay on this tablet. "
                       "Open them from the task list to see why, or call the office.",
                       nullptr, static_cast<int>(result.items_left));
        return {};
    case SyncFailure::Network:
        return enrolling ? t("Cannot reach the office server. Check the address and that the "
                             "tablet has signal or Wi-Fi, then try again.")
                         : t("Cannot reach the office server. Nothing is lost: your visits stay "
                             "on this tablet. Sync again where there is signal or Wi-Fi.");
    case SyncFailure::Unauthorized:
        return enrolling ? t("Wrong username or password.")
                         : t("The office no longer accepts this tablet (it was revoked or its "
                             "key is invalid). Sign in again in Settings; your visits stay on "
                             "this tablet.");
    case SyncFailure::Forbidden:
        return t("The office refused: this account may not send this data. Ask the office to "
                 "check which regions are assigned to you.");
    case SyncFailure::Server:
        return t("The office server reported a problem: %1. Try again later; if it keeps "
                 "happening, call the office.")
            .arg(detail);
    case SyncFailure::Cancelled:
        return t("Sync cancelled. What was sent stays sent; the rest goes next time.");
    case SyncFailure::NotEnrolled:
        return t("This tablet is not signed in to an office server yet. Sign in first.");
    case SyncFailure::Other:
        break;
    }
    return t("Sync failed: %1. Try again; if it keeps happening, call the office.").arg(detail);
}

} // namespace fp
