#include "models/rolenames.h"

namespace fp {

QHash<int, QByteArray> roleNamesOf(const QMetaEnum &roles)
{
    static const QByteArray suffix = QByteArrayLiteral("Role");
    QHash<int, QByteArray> names;
    for (int i = 0; i < roles.keyCount(); ++i) {
        QByteArray name(roles.key(i));
        Q_ASSERT_X(name.endsWith(suffix), "roleNamesOf", "a role's key ends in Role");
        name.chop(suffix.size());
        names.insert(roles.value(i), name.left(1).toLower().append(name.mid(1)));
    }
    return names;
}

QHash<int, QByteArray> roleNamesOf(const QMetaObject &meta)
{
    const int roles = meta.indexOfEnumerator("Role");
    Q_ASSERT_X(roles >= 0, "roleNamesOf", "the model declares Q_ENUM(Role)");
    return roleNamesOf(meta.enumerator(roles));
}

} // namespace fp
