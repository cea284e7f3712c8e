#pragma once
// The yellow-card list the publication tests publish (tst_publicationstore without a server,
// tst_publicationcontract through the store): a row per (credit code, name), numbered from 1.

#include "server/planio/tablewriter.h"

#include <string>
#include <utility>
#include <vector>

namespace fp::test {

/// The list "黄牌企业名单" of `enterprises` (credit code, name), each with a capacity of 12.5.
inline Table yellowList(const std::vector<std::pair<std::string, std::string>> &enterprises)
{
    Table t{"黄牌企业名单", {"序号", "企业名称", "统一社会信用代码", "产能"}, {}};
    for (const auto &[code, name] : enterprises)
        t.rows.push_back({double(t.rows.size() + 1), name, code, 12.5});
    return t;
}

} // namespace fp::test
