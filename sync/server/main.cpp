// fieldproof-server: the office endpoint and its admin commands (logic in fieldproof-serverlib).

#include "server/cli/cli.h"

#include <iostream>

int main(int argc, char **argv)
{
    fp::CliContext ctx{std::cin, std::cout, std::cerr, fp::SystemClock::instance(),
                       FIELDPROOF_SAMPLE_PLAN};
    return fp::runCli(std::vector<std::string>(argv + 1, argv + argc), ctx);
}
