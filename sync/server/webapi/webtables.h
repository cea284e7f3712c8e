#pragma once
// Internal to webapi/: a download of one or more tables as CSV or XLSX (publications, the
// year-end report and progress).

#include "server/http/httplibfwd.h"
#include "server/planio/tablewriter.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace fp {

/// Answers with `tables` as `format` ("csv" or "xlsx"), named `name` (UTF-8; `asciiName` for
/// old clients). An XLSX goes through `tempFile` and carries `created` (tablewriter.h).
void sendTables(httplib::Response &res, const std::vector<Table> &tables, const std::string &format,
                const std::string &asciiName, const std::string &name,
                const std::filesystem::path &tempFile, std::int64_t created = kXlsxFixedCreated);

} // namespace fp
