// fieldproof-server user / device / task / card: the office's administrative commands.

#include "cli/args.h"
#include "core/ids.h"
#include "core/json.h"
#include "core/validation.h"
#include "server/cli/clicommands.h"
#include "server/domain/carddeadline.h"
#include "server/domain/credentials.h"

#include <cstdlib>
#include <istream>
#include <ostream>

namespace fp {

namespace {

/// "--name". (Spelled out: GCC 12 -O3 warns falsely on "--" + std::string, PR 105329.)
std::string optionName(const std::string &name)
{
    std::string out("--");
    out.append(name);
    return out;
}

template <typename E> E enumOption(const CliArgs &args, const std::string &name)
{
    const std::string text = args.require(name);
    if (auto v = enumFromString<E>(text))
        return *v;
    std::string allowed;
    for (const auto n : EnumNames<E>::names) {
        if (!allowed.empty())
            allowed += '|';
        allowed.append(n);
    }
    throw UsageError(optionName(name) + " must be one of " + allowed + ", not '" + text + "'");
}

std::pair<std::string, std::vector<std::string>> splitSub(const std::vector<std::string> &args,
                                                          const std::string &command)
{
    if (args.empty())
        throw UsageError(command + " needs a subcommand; run with --help");
    return {args.front(), std::vector<std::string>(args.begin() + 1, args.end())};
}

Enterprise enterpriseByCode(OfficeStore &store, const std::string &code)
{
    if (auto e = store.findEnterpriseByCode(code))
        return *e;
    throw StoreRuleError("there is no enterprise with credit code '" + code +
                         "'; import the plan first");
}

std::string readPassword(std::istream &in)
{
    std::string password;
    std::getline(in, password);
    while (!password.empty() && (password.back() == '\r' || password.back() == '\n'))
        password.pop_back();
    if (const auto why = passwordProblem(password); !why.empty())
        throw UsageError("the password (read from standard input): " + why);
    return password;
}

std::string requireDate(const CliArgs &args, const std::string &name)
{
    std::string date = args.require(name);
    if (!isValidDate(date))
        throw UsageError(optionName(name) + " must be a date like 2017-10-31, not '" + date + "'");
    return date;
}

/// Only office accounts carry a department; a town or zone office names its regions.
void checkDepartmentOption(Department department, Role role, const ScopeSpec &scope)
{
    if (department != Department::None && role != Role::Office)
        throw UsageError("--department: only office accounts carry a department, not a " +
                         std::string(enumName(role)) + " account");
    if (department == Department::Region && scope.region_names.empty())
        throw UsageError("--department region: a town or zone office account needs --region");
}

} // namespace

std::string cliActor()
{
    for (const char *name : {"USER", "LOGNAME"}) {
        const char *value = std::getenv(name); // NOLINT(concurrency-mt-unsafe): read-only
        if (value && *value)
            return std::string("cli:").append(value);
    }
    return "cli";
}

void journalCli(JournalStore &journal, const CliContext &ctx, std::string kind, std::string target,
                std::string summary, std::string detailJson, std::string enterpriseId)
{
    journal.appendJournal(JournalEntry{0, formatTimestamp(ctx.clock.now()), cliActor(),
                                       std::move(kind), std::move(target), std::move(enterpriseId),
                                       std::move(summary), std::move(detailJson)});
}

int userCommand(const std::vector<std::string> &all, CliContext &ctx)
{
    const auto [sub, rest] = splitSub(all, "user");
    const CliArgs args(
        rest, {"data", "database", "username", "role", "region", "enterprise", "department"});
    args.noPositionals();
    const ScopeSpec scope{args.values("region"), args.values("enterprise")};
    if (sub == "add") {
        const std::string username = args.require("username");
        if (const auto why = usernameProblem(username); !why.empty())
            throw UsageError("--username '" + username + "': " + why);
        const Role role = enumOption<Role>(args, "role");
        const Department department = args.valueOr("department", "").empty()
                                          ? Department::None
                                          : enumOption<Department>(args, "department");
        checkDepartmentOption(department, role, scope);
        const std::string password = readPassword(ctx.in);
        auto data = openData(args);
        data.store->addUser(
            UserAccount{newId(ctx.clock), username, role, hashPassword(password), department},
            scope);
        journalCli(*data.store, ctx, "account.added", username, std::string(enumName(role)),
                   Json{{"after", Json{{"role", enumName(role)},
                                       {"department", enumName(department)},
                                       {"regions", scope.region_names},
                                       {"enterprises", scope.enterprise_codes}}}}
                       .dump());
        ctx.out << "added " << enumName(role) << " " << username << '\n';
        return 0;
    }
    if (sub == "scope") {
        const std::string username = args.require("username");
        auto data = openData(args);
        data.store->setUserScope(username, scope);
        journalCli(*data.store, ctx, "account.scope_changed", username, {},
                   Json{{"after", Json{{"regions", scope.region_names},
                                       {"enterprises", scope.enterprise_codes}}}}
                       .dump());
        ctx.out << "changed the scope of " << username
                << "; their devices will pull their data again\n";
        return 0;
    }
    if (sub == "department") {
        const std::string username = args.require("username");
        const Department department = enumOption<Department>(args, "department");
        auto data = openData(args);
        const auto user = data.store->findUser(username);
        if (!user)
            throw StoreRuleError("there is no user named '" + username + "'");
        checkDepartmentOption(department, user->role,
                              ScopeSpec{data.store->userRegionIds(username), {}});
        data.store->setUserDepartment(username, department);
        journalCli(*data.store, ctx, "account.department_changed", username,
                   std::string(enumName(user->department)) + " -> " +
                       std::string(enumName(department)),
                   Json{{"before", Json{{"department", enumName(user->department)}}},
                        {"after", Json{{"department", enumName(department)}}}}
                       .dump());
        ctx.out << "set the department of " << username << " to " << enumName(department) << '\n';
        return 0;
    }
    throw UsageError("unknown subcommand 'user " + sub + "'");
}

int deviceCommand(const std::vector<std::string> &all, CliContext &ctx)
{
    const auto [sub, rest] = splitSub(all, "device");
    const CliArgs args(rest, {"data", "database"});
    if (sub == "list") {
        args.noPositionals();
        for (const auto &d : openData(args).store->listDevices()) {
            ctx.out << d.device.id << '\t' << d.username << '\t' << d.device.name << '\t'
                    << d.device.enrolled_at << '\t'
                    << (d.device.revoked_at ? "revoked " + *d.device.revoked_at : "active") << '\n';
        }
        return 0;
    }
    if (sub == "chain") {
        // Each device's signed-statement chain (docs/protocol.md §8.5): held, missing, events.
        args.noPositionals();
        for (const auto &c : openData(args).store->chainReport()) {
            std::string missing;
            for (const std::int64_t seq : c.missing)
                missing.append(missing.empty() ? "" : ",").append(std::to_string(seq));
            ctx.out << c.device_id << '\t' << c.statements << " statements\tseq 1-" << c.highest_seq
                    << '\t' << (missing.empty() ? "complete" : "missing " + missing) << '\n';
            for (const auto &e : c.events)
                ctx.out << "  " << e.at << '\t' << e.kind << "\tseq " << e.seq << '\t' << e.detail
                        << '\n';
        }
        return 0;
    }
    if (sub != "revoke")
        throw UsageError("unknown subcommand 'device " + sub + "'");
    const std::string id = args.onePositional("DEVICE_ID");
    auto data = openData(args);
    data.store->revokeDevice(id, formatTimestamp(ctx.clock.now()));
    journalCli(*data.store, ctx, "device.revoked", id, {}, "{}");
    ctx.out << "revoked device " << id << '\n';
    return 0;
}

int taskCommand(const std::vector<std::string> &all, CliContext &ctx)
{
    const auto [sub, rest] = splitSub(all, "task");
    const CliArgs args(rest, {"data", "database", "enterprise", "kind", "due", "inspector"});
    if (sub == "add") {
        args.noPositionals();
        Task task;
        task.kind = enumOption<VisitKind>(args, "kind");
        task.due = requireDate(args, "due");
        task.inspectors = args.values("inspector");
        if (task.inspectors.empty())
            throw UsageError("option --inspector is required (repeat it for several)");
        const std::string code = args.require("enterprise");
        auto data = openData(args);
        task.enterprise_id = enterpriseByCode(*data.store, code).id;
        task.id = newId(ctx.clock);
        data.store->addTask(task);
        journalCli(*data.store, ctx, "task.added", task.id,
                   std::string(enumName(task.kind)) + " due " + task.due,
                   Json{{"after", Json(task)}}.dump(), task.enterprise_id);
        ctx.out << task.id << '\n';
        return 0;
    }
    if (sub == "remove") {
        const std::string id = args.onePositional("TASK_ID");
        auto data = openData(args);
        std::optional<Task> before;
        for (auto &t : data.store->listTasks()) {
            if (t.id == id)
                before = std::move(t);
        }
        data.store->removeTask(id);
        journalCli(*data.store, ctx, "task.removed", id, {},
                   Json{{"before", before ? Json(*before) : Json()}}.dump(),
                   before ? before->enterprise_id : std::string());
        ctx.out << "removed task " << id << '\n';
        return 0;
    }
    throw UsageError("unknown subcommand 'task " + sub + "'");
}

int enterpriseCommand(const std::vector<std::string> &all, CliContext &ctx)
{
    const auto [sub, rest] = splitSub(all, "enterprise");
    if (sub != "add")
        throw UsageError("unknown subcommand 'enterprise " + sub + "'");
    const CliArgs args(rest, {"data", "database", "credit-code", "name", "region", "industry",
                              "address", "legal-representative", "contact-phone", "lat", "lon"});
    args.noPositionals();
    Enterprise e;
    e.credit_code = args.require("credit-code");
    if (const auto why = creditCodeProblem(e.credit_code); !why.empty())
        throw UsageError("--credit-code '" + e.credit_code + "': " + why);
    e.name = args.require("name");
    const std::string regionName = args.require("region");
    e.industry = args.valueOr("industry", "");
    e.address = args.valueOr("address", "");
    e.legal_representative = args.valueOr("legal-representative", "");
    e.contact_phone = args.valueOr("contact-phone", "");
    if (args.value("lat") || args.value("lon")) {
        const auto degrees = [&](const std::string &name, double limit) {
            const std::string text = args.require(name);
            std::size_t used = 0;
            double v = 0;
            try {
                v = std::stod(text, &used);
            } catch (const std::exception &) {
                used = 0;
            }
            if (used == 0 || used != text.size() || v < -limit || v > limit)
                throw UsageError(optionName(name) + " must be a number of degrees from -" +
                                 std::to_string(int(limit)) + " to " + std::to_string(int(limit)) +
                                 ", not '" + text + "'");
            return v;
        };
        e.location = Position{degrees("lat", 90), degrees("lon", 180), std::nullopt};
    }
    auto data = openData(args);
    const auto region = data.store->findRegionByName(regionName);
    if (!region)
        throw StoreRuleError("there is no region named '" + regionName +
                             "'; import the plan first or check the spelling");
    e.region_id = region->id;
    e.id = newId(ctx.clock);
    data.store->addEnterprise(e);
    Json after = Json(e);
    after["region_name"] = region->name;
    journalCli(*data.store, ctx, "enterprise.added", e.id, e.name, Json{{"after", after}}.dump(),
               e.id);
    ctx.out << e.id << '\n';
    return 0;
}

int reviewCommand(const std::vector<std::string> &all, CliContext &ctx)
{
    const auto [sub, rest] = splitSub(all, "review");
    const CliArgs args(rest, {"data", "database", "reason"});
    const std::string id = args.onePositional("INSPECTION_ID");
    if (sub == "accept") {
        openData(args).store->setReview(id, ReviewState::Accepted, {},
                                        formatTimestamp(ctx.clock.now()), cliActor());
        ctx.out << "accepted inspection " << id << '\n';
        return 0;
    }
    if (sub == "return") {
        const std::string reason = args.require("reason");
        openData(args).store->setReview(id, ReviewState::Returned, reason,
                                        formatTimestamp(ctx.clock.now()), cliActor());
        ctx.out << "returned inspection " << id << '\n';
        return 0;
    }
    throw UsageError("unknown subcommand 'review " + sub + "'");
}

int cardCommand(const std::vector<std::string> &all, CliContext &ctx)
{
    const auto [sub, rest] = splitSub(all, "card");
    const CliArgs args(rest, {"data", "database", "enterprise", "standard", "level", "department",
                              "issued", "to", "state", "review-on", "applied-on", "reason"});
    const auto change = [&](std::string action) {
        return CardChange{formatTimestamp(ctx.clock.now()), cliActor(), std::move(action), {}};
    };
    if (sub == "add") {
        args.noPositionals();
        Card card;
        card.standard = enumOption<CardStandard>(args, "standard");
        card.level = enumOption<CardLevel>(args, "level");
        card.department = args.require("department");
        card.issued_on = requireDate(args, "issued");
        const std::string code = args.require("enterprise");
        auto data = openData(args);
        card.enterprise_id = enterpriseByCode(*data.store, code).id;
        card.id = newId(ctx.clock);
        std::optional<std::string> reviewOn;
        if (args.value("review-on"))
            reviewOn = requireDate(args, "review-on");
        card = issueCard(card, reviewOn);
        data.store->addCard(card, change("issued"));
        ctx.out << card.id;
        if (card.rectify_by)
            ctx.out << " rectify_by " << *card.rectify_by;
        ctx.out << '\n';
        return 0;
    }
    const std::string id = args.onePositional("CARD_ID");
    auto data = openData(args);
    auto card = data.store->findCard(id);
    if (!card)
        throw StoreRuleError("there is no card with id '" + id + "'");
    if (sub == "extend") {
        *card = extendCard(*card, requireDate(args, "to"), requireDate(args, "applied-on"),
                           args.require("reason"));
        data.store->updateCard(*card, change("extended"));
        ctx.out << "card " << id << " extended to " << *card->extended_to << '\n';
        return 0;
    }
    if (sub == "state") {
        const CardState state = enumOption<CardState>(args, "state");
        *card = changeCardState(*card, state);
        std::optional<Card> red;
        if (state == CardState::ClosedByLaw && card->level == CardLevel::Yellow)
            red = redCardFor(*card, formatDate(ctx.clock.now()), newId(ctx.clock));
        data.store->updateCard(*card, change(std::string(enumName(state))), red);
        ctx.out << "card " << id << " is now " << enumName(card->state) << '\n';
        if (red)
            ctx.out << "red card " << red->id << " issued for the closure by law\n";
        return 0;
    }
    throw UsageError("unknown subcommand 'card " + sub + "'");
}

} // namespace fp
