// fieldproof-server tipoff add|list: the tip-off register (举报, tipoffstore.h) from the command
// line, journalled like the web page's.

#include "cli/args.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/json.h"
#include "core/validation.h"
#include "server/cli/clicommands.h"

#include <ostream>

namespace fp {

int tipoffCommand(const std::vector<std::string> &all, CliContext &ctx)
{
    if (all.empty())
        throw UsageError("tipoff needs a subcommand (add or list); run with --help");
    const std::string sub = all.front();
    const std::vector<std::string> rest(all.begin() + 1, all.end());
    if (sub == "list") {
        const CliArgs args(rest, {"data", "database"});
        args.noPositionals();
        auto data = openData(args);
        for (const Tipoff &t : data.store->listTipoffs()) {
            const auto e = data.store->findEnterprise(t.enterprise_id);
            ctx.out << t.id << '\t' << t.received_on << '\t' << t.channel << '\t'
                    << (t.closed_on.empty() ? "open" : "closed " + t.closed_on) << '\t'
                    << (t.unreported ? "漏报/瞒报" : "-") << '\t' << (e ? e->name : t.enterprise_id)
                    << '\t' << t.content << '\t' << t.reporter_contact << '\n';
        }
        return 0;
    }
    if (sub != "add")
        throw UsageError("unknown subcommand 'tipoff " + sub + "'");
    const CliArgs args(
        rest, {"data", "database", "received-on", "channel", "content", "enterprise", "contact"});
    args.noPositionals();
    Tipoff t;
    t.received_on = args.require("received-on");
    if (!isValidDate(t.received_on))
        throw UsageError("--received-on must be a date like 2017-10-31, not '" + t.received_on +
                         "'");
    if (t.received_on > formatDate(ctx.clock.now()))
        throw UsageError("--received-on cannot be after today");
    t.channel = args.require("channel");
    if (t.channel != "phone" && t.channel != "letter" && t.channel != "web" && t.channel != "media")
        throw UsageError("--channel must be phone, letter, web or media, not '" + t.channel + "'");
    t.content = args.require("content");
    if (t.content.find_first_not_of(" \t\r\n") == std::string::npos)
        throw UsageError("--content must not be empty");
    t.reporter_contact = args.valueOr("contact", "");
    const std::string code = args.require("enterprise");
    auto data = openData(args);
    const auto e = data.store->findEnterpriseByCode(code);
    if (!e)
        throw StoreRuleError("there is no enterprise with credit code '" + code +
                             "'; add it first (enterprise add)");
    t.enterprise_id = e->id;
    t.id = newId(ctx.clock);
    t.added_at = formatTimestamp(ctx.clock.now());
    t.added_by = cliActor();
    data.store->addTipoff(t);
    journalCli(*data.store, ctx, "tipoff.added", t.id, e->name,
               Json{{"received_on", t.received_on},
                    {"channel", t.channel},
                    {"has_contact", !t.reporter_contact.empty()}}
                   .dump(),
               t.enterprise_id);
    ctx.out << t.id << '\n';
    return 0;
}

} // namespace fp
