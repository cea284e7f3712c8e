// libFuzzer: the plan-sheet importer (CSV from Excel or WPS in UTF-8, UTF-8 with BOM or GBK).
// A bad file is a ValidationError; a bad row lands in the sheet's errors; nothing crashes, and
// every row it does accept is one the office can store.

#include "core/error.h"
#include "core/validation.h"
#include "server/planio/plansheet.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char *>(data), size);
    fp::PlanSheet sheet;
    try {
        sheet = fp::parsePlanSheet(bytes);
    } catch (const fp::ValidationError &) {
        return 0;
    }
    for (const auto &row : sheet.rows) {
        if (!fp::isValidCreditCode(row.credit_code) || row.line < 2 || row.count < 1)
            std::abort();
        if (!row.deadline.empty() && !fp::isValidDate(row.deadline))
            std::abort();
    }
    return 0;
}
