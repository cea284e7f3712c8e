// fieldproof-server: the office endpoint and its admin commands (logic in fieldproof-serverlib).

#include "server/cli/cli.h"

#include <iostream>

int main(int argc, char **argv)
{
    // No sample sheet path: `demo` finds it relative to this binary (datacommands.cpp).
    fp::CliContext ctx{std::cin, std::cout, std::cerr, fp::SystemClock::instance(), {}};
    return fp::runCli(std::vector<std::string>(argv + 1, argv + argc), ctx);
}
