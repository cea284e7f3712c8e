#include "benchkit.h"

#include "benchplan.h"
#include "childprocess.h"
#include "client/curltransport.h"
#include "client/enroller.h"
#include "core/error.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <optional>

namespace fs = std::filesystem;

namespace fp::bench {

double since(Steady::time_point start)
{
    return std::chrono::duration<double>(Steady::now() - start).count();
}

std::string fixed(double value, int decimals)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

double prepareOffice(const fs::path &work, const std::string &region, int enterprises,
                     int perEnterprise, const std::string &username, const std::string &password)
{
    const fs::path data = work / "office";
    writePlanSheet(work / "plan.csv", region, enterprises, perEnterprise);
    const auto start = Steady::now();
    runToCompletion({FIELDPROOF_SERVER_BIN, "import-plan", "--data", data.string(),
                     (work / "plan.csv").string()});
    const double seconds = since(start);
    runToCompletion({FIELDPROOF_SERVER_BIN, "user", "add", "--data", data.string(), "--username",
                     username, "--role", "inspector", "--region", region},
                    password + "\n");
    return seconds;
}

void enrollBenchDevice(DeviceStore &store, const std::string &baseUrl, const std::string &username,
                       const std::string &password, const std::string &deviceName)
{
    TransportOptions options;
    options.base_url = baseUrl;
    CurlTransport curl(options);
    enrollDevice(store, curl, EnrollInput{baseUrl, std::nullopt, username, password, deviceName});
}

fs::path makeWorkFolder(const std::string &program, const fs::path &given)
{
    fs::path work = given;
    if (work.empty()) {
        std::string pattern = "/tmp/" + program;
        pattern.append("-XXXXXX");
        const char *made = ::mkdtemp(pattern.data());
        if (made == nullptr)
            throw Error("cannot make a work folder " + pattern);
        work = made;
    }
    fs::create_directories(work);
    std::cerr << "working in " << work << "\n";
    return work;
}

void publishReport(const std::string &report, const fs::path &work)
{
    std::cout << report;
    std::ofstream(work / "results.md") << report;
}

void cleanUpWork(const fs::path &work, bool ownWork, bool keep, const std::string &scratch)
{
    if (keep)
        return;
    std::error_code ec;
    if (ownWork)
        fs::remove_all(work, ec);
    else if (!scratch.empty())
        fs::remove_all(work / scratch, ec);
}

} // namespace fp::bench
