#include "text/translations.h"

#include "text/languagenotifier.h"

#include <QCoreApplication>
#include <QLocale>
#include <QQmlEngine>

namespace fp {

Translations::Translations(QObject *parent) : QObject(parent) {}

bool Translations::apply(const QString &language)
{
    const QString lang = language == QLatin1String("en") ? language : QStringLiteral("zh_CN");
    if (lang == m_current)
        return true;
    QCoreApplication::removeTranslator(&m_translator);
    bool ok = true;
    if (lang == QLatin1String("zh_CN")) {
        ok = m_translator.load(QStringLiteral(":/i18n/fieldproof_zh_CN.qm"));
        if (ok)
            QCoreApplication::installTranslator(&m_translator);
    }
    QLocale::setDefault(
        QLocale(lang == QLatin1String("en") ? QLocale::English : QLocale::Chinese,
                lang == QLatin1String("en") ? QLocale::UnitedStates : QLocale::China));
    m_current = lang;
    if (m_engine)
        m_engine->retranslate();
    Q_EMIT LanguageNotifier::instance()->languageChanged();
    return ok;
}

} // namespace fp
