#pragma once
// The role names a list model gives QML, read from its Q_ENUM of roles, so that a role is
// named once: `TitleRole` is "title", `EnterpriseIdRole` is "enterpriseId".

#include <QByteArray>
#include <QHash>
#include <QMetaEnum>

namespace fp {

/// The role names of `roles`: each key without its "Role" suffix, its first letter lower case.
QHash<int, QByteArray> roleNamesOf(const QMetaEnum &roles);

/// roleNamesOf() for the enum named "Role" (declared with Q_ENUM) of the class `meta` describes.
QHash<int, QByteArray> roleNamesOf(const QMetaObject &meta);

/// roleNamesOf() for a model's `Role`, an enum declared with Q_ENUM.
template <typename Role> QHash<int, QByteArray> roleNamesOf()
{
    return roleNamesOf(QMetaEnum::fromType<Role>());
}

} // namespace fp
