#pragma once

#include <QObject>
#include <QString>
#include <QTranslator>

class QQmlEngine;

namespace fp {

/// Switches the UI language: installs the shipped zh_CN catalogue (or none, for the English
/// source strings), retranslates QML and tells C++ models through LanguageNotifier.
class Translations : public QObject
{
    Q_OBJECT

  public:
    explicit Translations(QObject *parent = nullptr);
    /// The QML engine whose qsTr bindings are re-evaluated on a switch (may be unset in tests).
    void setEngine(QQmlEngine *engine) { m_engine = engine; }
    /// "zh_CN" or "en"; anything else falls back to zh_CN. Returns false if the catalogue
    /// could not be loaded.
    bool apply(const QString &language);
    QString current() const { return m_current; }

  private:
    QQmlEngine *m_engine = nullptr;
    QTranslator m_translator;
    QString m_current;
};

} // namespace fp
