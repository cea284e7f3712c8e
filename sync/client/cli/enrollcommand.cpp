// fieldproof-sync enroll: signs the device in and keeps only the device token.

#include "client/curltransport.h"
#include "client/enroller.h"
#include "commands.h"

#include <cstdio>
#include <iostream>
#include <termios.h>
#include <unistd.h>

namespace fp::cli {

namespace {

/// One line from stdin; on a terminal, prompted and not echoed.
std::string readPassword()
{
    const bool terminal = ::isatty(STDIN_FILENO);
    termios saved{};
    if (terminal) {
        std::fputs("password: ", stderr);
        ::tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::string line;
    std::getline(std::cin, line);
    if (terminal) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::fputs("\n", stderr);
    }
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n'))
        line.pop_back();
    return line;
}

std::string hostName()
{
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0)
        return "unknown host";
    return name;
}

} // namespace

int enrollCommand(int argc, char **argv)
{
    const CliArgs args(argc, argv, 2,
                       {"db", "server", "username", "ca", "device-name", "photo-dir"}, {},
                       CliSyntax::Options);
    const std::string db = args.require("db");
    EnrollInput input;
    input.server_url = args.require("server");
    input.username = args.require("username");
    if (const auto ca = args.value("ca"))
        input.ca_file = std::filesystem::absolute(*ca);
    input.device_name = args.value("device-name").value_or("fieldproof-sync on " + hostName());
    input.password = readPassword();
    if (input.password.empty())
        throw UsageError("no password on stdin");

    DeviceStore store(db, photoDirFor(db, args.value("photo-dir")));
    TransportOptions options;
    options.base_url = input.server_url;
    options.ca_file = input.ca_file;
    CurlTransport transport(options);
    const Enrolment e = enrollDevice(store, transport, input);
    std::printf("enrolled device %s for %s at %s\n", e.device_id.c_str(), e.username.c_str(),
                e.server_url.c_str());
    return kExitOk;
}

} // namespace fp::cli
