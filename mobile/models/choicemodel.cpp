#include "models/choicemodel.h"

#include "models/rolenames.h"
#include "text/labels.h"
#include "text/languagenotifier.h"

namespace fp {

ChoiceModel::ChoiceModel(QObject *parent) : QAbstractListModel(parent)
{
    connect(LanguageNotifier::instance(), &LanguageNotifier::languageChanged, this, [this] {
        if (rowCount() > 0)
            Q_EMIT dataChanged(index(0), index(rowCount() - 1), {LabelRole});
        Q_EMIT labelsChanged();
    });
}

QStringList ChoiceModel::labels() const
{
    QStringList out;
    for (int i = 0; i < rowCount(); ++i)
        out << labelOf(i);
    return out;
}

void ChoiceModel::setDomain(Domain domain)
{
    if (m_domain == domain)
        return;
    beginResetModel();
    m_domain = domain;
    endResetModel();
    Q_EMIT domainChanged();
    Q_EMIT labelsChanged();
}

int ChoiceModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    switch (m_domain) {
    case Findings:
        return int(EnumNames<Finding>::names.size());
    case EvidenceTags:
        return int(EnumNames<EvidenceTag>::names.size());
    case VisitKinds:
        return int(EnumNames<VisitKind>::names.size());
    case Verdicts:
        return int(EnumNames<Verdict>::names.size());
    case SignerRoles:
        return int(EnumNames<SignerRole>::names.size());
    }
    return 0;
}

QString ChoiceModel::labelOf(int value) const
{
    if (value < 0 || value >= rowCount())
        return {};
    switch (m_domain) {
    case Findings:
        return labels::finding(static_cast<Finding>(value));
    case EvidenceTags:
        return labels::evidenceTag(static_cast<EvidenceTag>(value));
    case VisitKinds:
        return labels::visitKind(static_cast<VisitKind>(value));
    case Verdicts:
        return labels::verdict(static_cast<Verdict>(value));
    case SignerRoles:
        return labels::signerRole(static_cast<SignerRole>(value));
    }
    return {};
}

QVariant ChoiceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role == ValueRole)
        return index.row();
    if (role == LabelRole)
        return labelOf(index.row());
    return {};
}

QHash<int, QByteArray> ChoiceModel::roleNames() const
{
    return roleNamesOf<Role>();
}

} // namespace fp
