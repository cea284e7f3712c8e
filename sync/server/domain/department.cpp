#include "server/domain/department.h"

namespace fp {

Department responsibleDepartment(CardStandard standard)
{
    switch (standard) {
    case CardStandard::Energy:
    case CardStandard::Technology:
        return Department::Economy;
    case CardStandard::Environment:
        return Department::Environment;
    case CardStandard::Quality:
        return Department::Market;
    case CardStandard::Safety:
        return Department::Safety;
    }
    return Department::Economy;
}

std::string_view departmentLabel(Department department)
{
    switch (department) {
    case Department::None:
        return "未分配部门";
    case Department::Economy:
        return "经信局/发改局";
    case Department::Environment:
        return "环保局";
    case Department::Market:
        return "市场监督管理局";
    case Department::Safety:
        return "安监局";
    case Department::Region:
        return "镇（区）办公室";
    }
    return "未分配部门";
}

std::string cardActionProblem(const Actor &actor, CardStandard standard)
{
    if (actor.role == Role::Admin)
        return {};
    if (actor.role != Role::Office)
        return "only office and admin accounts change cards";
    if (actor.department == Department::None)
        return {}; // not assigned yet: the office-wide rights accounts had before departments
    const Department responsible = responsibleDepartment(standard);
    if (actor.department == responsible)
        return {};
    std::string out("cards of the ");
    out.append(enumName(standard))
        .append(" standard are the ")
        .append(enumName(responsible))
        .append(" department's; ")
        .append(actor.username)
        .append(" is of the ")
        .append(enumName(actor.department))
        .append(" department");
    return out;
}

std::string undoRectificationProblem(const Actor &actor, const std::string &recordedBy,
                                     Department recorderDepartment, CardStandard standard)
{
    if (actor.role == Role::Admin || actor.username == recordedBy)
        return {};
    const Department setter = recorderDepartment == Department::None
                                  ? responsibleDepartment(standard)
                                  : recorderDepartment;
    if (actor.department != Department::None && actor.department == setter)
        return {};
    std::string out("only the ");
    out.append(enumName(setter))
        .append(" department, which recorded the rectification (")
        .append(recordedBy)
        .append("), or an admin can undo it");
    return out;
}

} // namespace fp
