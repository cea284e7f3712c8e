#pragma once

#include <QObject>

namespace fp {

/// Tells C++ models that the UI language changed, so they re-read their translated labels.
/// Installed translators are process-wide in Qt, so this notifier is too.
class LanguageNotifier : public QObject
{
    Q_OBJECT

  public:
    static LanguageNotifier *instance();

  Q_SIGNALS:
    void languageChanged();
};

} // namespace fp
