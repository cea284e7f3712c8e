#include "benchplan.h"

#include "core/error.h"
#include "core/validation.h"

#include <array>
#include <cstdio>
#include <fstream>

namespace fp::bench {

std::string creditCode(int n)
{
    // 9 (registered by the market regulator), 1 (enterprise), 210381 (海城市), then an
    // 8-digit organization code body with its GB 11714 check character.
    char body[16];
    std::snprintf(body, sizeof body, "%08d", 10'000'000 + (n < 0 ? -n : n) % 90'000'000);
    constexpr std::array<int, 8> weights = {3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 8; ++i)
        sum += (body[i] - '0') * weights[static_cast<std::size_t>(i)];
    const int check = 11 - sum % 11;
    const char orgCheck = check == 10 ? 'X' : check == 11 ? '0' : char('0' + check);
    const std::string first17 = std::string("91210381") + body + orgCheck;
    std::string code = first17 + creditCodeCheckChar(first17);
    if (!isValidCreditCode(code))
        throw Error("generated an invalid credit code " + code);
    return code;
}

void writePlanSheet(const std::filesystem::path &file, const std::string &region, int enterprises,
                    int perEnterprise)
{
    std::ofstream out(file, std::ios::binary);
    out << "序号,属地,企业名称,统一社会信用代码,行业,法定代表人,联系电话,企业地址,设备名称,"
           "规格型号,数量(台/条),产能(万吨/年),淘汰方式,计划完成时间\n";
    int line = 0;
    for (int e = 0; e < enterprises; ++e) {
        const std::string code = creditCode(e);
        for (int q = 0; q < perEnterprise; ++q) {
            out << ++line << ',' << region << ",基准铸造" << e << "有限公司," << code
                << ",铸造,张三,13900000000,海城市" << region << ",中频炉," << (q + 1)
                << "吨,1,1.5,拆除,2017-10-31\n";
        }
    }
    if (!out.flush())
        throw Error("cannot write " + file.string());
}

} // namespace fp::bench
