#pragma once
// Conversions between the core's UTF-8 std::string and QString, in one place.

#include <QString>
#include <QStringList>

#include <optional>
#include <string>
#include <vector>

namespace fp {

inline QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}
inline std::string ss(const QString &text)
{
    return text.toStdString();
}

inline QStringList qsList(const std::vector<std::string> &items)
{
    QStringList out;
    out.reserve(static_cast<qsizetype>(items.size()));
    for (const auto &item : items)
        out.append(qs(item));
    return out;
}

inline std::vector<std::string> ssList(const QStringList &items)
{
    std::vector<std::string> out;
    out.reserve(static_cast<std::size_t>(items.size()));
    for (const auto &item : items)
        out.push_back(ss(item));
    return out;
}

/// An empty QString stands for "none" in QML.
inline std::optional<std::string> optSs(const QString &text)
{
    return text.isEmpty() ? std::nullopt : std::optional<std::string>(ss(text));
}

} // namespace fp
