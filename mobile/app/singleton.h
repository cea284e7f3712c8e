#pragma once
// Hands a service that main() created to the QML engine as an instance singleton, keeping
// ownership in C++ (KDE Itinerary's pattern, without context properties).

#include <QJSEngine>
#include <QQmlEngine>

namespace fp {

template <typename T> T *publishToQml(T *instance, QJSEngine *engine)
{
    Q_ASSERT_X(instance, "publishToQml", "the service must be created before the QML engine");
    Q_ASSERT(engine->thread() == instance->thread());
    QJSEngine::setObjectOwnership(instance, QJSEngine::CppOwnership);
    return instance;
}

} // namespace fp
