#include "sync/syncmessages.h"

#include <QCoreApplication>
#include <QStringList>

namespace fp {

QString syncOutcomeText(const SyncRunResult &result, bool enrolling)
{
    const QString detail = QString::fromStdString(result.message);
    switch (result.failure) {
    case SyncFailure::None:
        if (result.items_left > 0) {
            const int left = static_cast<int>(result.items_left);
            return QCoreApplication::translate("SyncMessages",
                                               "%n visit(s) were not accepted by the office and "
                                               "stay on this tablet. Open them from the task "
                                               "list to see why, or call the office.",
                                               nullptr, left);
        }
        return {};
    case SyncFailure::Network:
        return enrolling ? QCoreApplication::translate(
                               "SyncMessages",
                               "Cannot reach the office server. Check the address and that the "
                               "tablet has signal or Wi-Fi, then try again.")
                         : QCoreApplication::translate(
                               "SyncMessages",
                               "Cannot reach the office server. Nothing is lost: your visits stay "
                               "on this tablet. Sync again where there is signal or Wi-Fi.");
    case SyncFailure::Certificate:
        return enrolling
                   ? QCoreApplication::translate(
                         "SyncMessages",
                         "This tablet does not trust the office server's certificate. If your "
                         "office uses its own certificate authority, add its CA certificate (the "
                         "file, or the text of the office's QR code) and sign in again.")
                   : QCoreApplication::translate(
                         "SyncMessages",
                         "This tablet no longer trusts the office server's certificate (it does "
                         "not match the office's CA certificate kept on this tablet). Nothing is "
                         "lost. Ask the office for its current CA certificate and sign in again "
                         "in Settings.");
    case SyncFailure::Unauthorized:
        return enrolling
                   ? QCoreApplication::translate("SyncMessages", "Wrong username or password.")
                   : QCoreApplication::translate(
                         "SyncMessages",
                         "The office no longer accepts this tablet (it was revoked or its "
                         "key is invalid). Sign in again in Settings; your visits stay on "
                         "this tablet.");
    case SyncFailure::Forbidden:
        return QCoreApplication::translate(
            "SyncMessages",
            "The office refused: this account may not send this data. Ask the office to "
            "check which regions are assigned to you.");
    case SyncFailure::Server:
        return QCoreApplication::translate(
                   "SyncMessages",
                   "The office server reported a problem: %1. Try again later; if it keeps "
                   "happening, call the office.")
            .arg(detail);
    case SyncFailure::Cancelled:
        return QCoreApplication::translate(
            "SyncMessages", "Sync cancelled. What was sent stays sent; the rest goes next time.");
    case SyncFailure::NotEnrolled:
        return QCoreApplication::translate(
            "SyncMessages", "This tablet is not signed in to an office server yet. Sign in first.");
    case SyncFailure::TooManyAttempts:
        return QCoreApplication::translate(
            "SyncMessages",
            "Too many wrong passwords for this account. Wait a few minutes and try again, or "
            "ask the office administrator to unlock the account.");
    case SyncFailure::OfficeLogRewritten:
        return QCoreApplication::translate(
            "SyncMessages",
            "Sync stopped: the office's record of evidence no longer matches what this tablet "
            "saw before, so it may have been changed. Nothing was sent and your visits stay on "
            "this tablet. Call the office administrator and do not sign in again until they "
            "have checked it.");
    case SyncFailure::StorageFull:
        return QCoreApplication::translate(
            "SyncMessages",
            "The tablet's storage is full, so the sync could not keep what it received. Nothing "
            "is lost: your visits stay on this tablet. Free space (delete photos and videos you "
            "no longer need from the gallery, or free backed-up photos in Settings) and sync "
            "again.");
    case SyncFailure::Other:
        break;
    }
    return QCoreApplication::translate(
               "SyncMessages",
               "Sync failed: %1. Try again; if it keeps happening, call the office.")
        .arg(detail);
}

QString syncResultSentence(const SyncRunResult &result)
{
    if (result.failure != SyncFailure::None)
        return {};
    const auto count = [](std::int64_t n, const char *one, const char *many) {
        return n == 1 ? QCoreApplication::translate("SyncMessages", one)
                      : QCoreApplication::translate("SyncMessages", many).arg(n);
    };
    QString sent;
    if (result.files_uploaded > 0 || result.items_sent > 0) {
        sent = QCoreApplication::translate("SyncMessages", "Sent %1 and %2", "photos, visits")
                   .arg(count(result.files_uploaded, QT_TRANSLATE_NOOP("SyncMessages", "1 photo"),
                              QT_TRANSLATE_NOOP("SyncMessages", "%1 photos")),
                        count(result.items_sent, QT_TRANSLATE_NOOP("SyncMessages", "1 visit"),
                              QT_TRANSLATE_NOOP("SyncMessages", "%1 visits")));
        sent =
            result.items_left > 0
                ? QCoreApplication::translate("SyncMessages", "%1; some did not arrive.").arg(sent)
                : QCoreApplication::translate("SyncMessages", "%1, all delivered.").arg(sent);
    }
    QString received =
        result.rows_pulled > 0
            ? QCoreApplication::translate("SyncMessages", "Received %1.")
                  .arg(count(result.rows_pulled,
                             QT_TRANSLATE_NOOP("SyncMessages", "1 update of tasks and lists"),
                             QT_TRANSLATE_NOOP("SyncMessages", "%1 updates of tasks and lists")))
            : QString();
    QString waiting;
    if (result.items_waiting_for_files > 0) {
        const int visits = static_cast<int>(result.items_waiting_for_files); // lupdate: a name
        waiting = QCoreApplication::translate(
            "SyncMessages",
            "On mobile data only records were sent: %n visit(s) with photos wait for Wi-Fi "
            "(or switch off \"records only on mobile data\" in Settings).",
            nullptr, visits);
    }
    if (sent.isEmpty() && received.isEmpty() && waiting.isEmpty())
        return QCoreApplication::translate("SyncMessages",
                                           "Up to date: nothing to send and nothing new.");
    QStringList parts;
    for (const QString &part : {sent, received, waiting})
        if (!part.isEmpty())
            parts << part;
    return parts.join(QLatin1Char(' '));
}

QString officeRestoredText(const SyncRunResult &result)
{
    if (!result.office_restored)
        return {};
    const int visits = static_cast<int>(result.items_reoffered); // lupdate: a plain name
    return QCoreApplication::translate(
        "SyncMessages",
        "The office was restored from a backup; sending again the %n visit(s) it may have "
        "lost, with their photos…",
        nullptr, visits);
}

} // namespace fp
