// fieldproof-server import-plan / export / demo: the plan in, the published lists out.

#include "cli/args.h"
#include "core/ids.h"
#include "core/json.h"
#include "server/cli/clicommands.h"
#include "server/domain/carddeadline.h"
#include "server/domain/credentials.h"
#include "server/exchange/listexport.h"
#include "server/exchange/planimport.h"

#include <chrono>
#include <fstream>
#include <iterator>
#include <ostream>
#include <system_error>

namespace fp {

namespace {

std::string readFile(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error("cannot read " + path.string());
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void printReport(const PlanImportReport &r, CliContext &ctx)
{
    for (const auto &e : r.errors)
        ctx.err << describe(e) << '\n';
    for (const auto &w : r.warnings)
        ctx.err << "warning: " << describe(w) << '\n';
    if (!r.imported)
        return;
    const auto &c = r.counts;
    ctx.out << "read " << r.rows_read << " equipment rows: " << c.regions_added
            << " regions added, " << c.enterprises_added << " enterprises added, "
            << c.enterprises_updated << " updated, " << c.equipment_added
            << " equipment items added, " << c.equipment_updated << " updated, " << c.unchanged
            << " unchanged\n";
}

/// The sheet `demo` loads without --plan, found from the running binary, never the source tree:
/// beside it (a build tree: sync/server/CMakeLists.txt copies it there), else in
/// <bin>/FIELDPROOF_SHARE_FROM_BIN (an installed binary: ../share/fieldproof).
std::filesystem::path findSamplePlan(const CliContext &ctx)
{
    if (!ctx.sample_plan.empty())
        return ctx.sample_plan;
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) {
        std::string msg = "cannot find the sample plan sheet (/proc/self/exe: ";
        msg.append(ec.message()).append("); pass --plan FILE");
        throw Error(msg);
    }
    const auto bin = exe.parent_path();
    const auto beside = bin / "plan-sample.csv";
    const auto shared = (bin / FIELDPROOF_SHARE_FROM_BIN / "plan-sample.csv").lexically_normal();
    for (const auto &p : {beside, shared}) {
        if (std::filesystem::is_regular_file(p, ec))
            return p;
    }
    std::string msg = "no sample plan sheet at ";
    msg.append(shared.string()).append(" (nor beside the binary); pass --plan FILE");
    throw Error(msg);
}

} // namespace

int importPlanCommand(const std::vector<std::string> &all, CliContext &ctx)
{
    const CliArgs args(all, {"data", "database"}, {"skip-bad-rows"});
    const std::string file = args.onePositional("plan sheet FILE");
    const std::string bytes = readFile(file);
    auto data = openData(args);
    const auto report = importPlanSheet(*data.store, bytes, args.flag("skip-bad-rows"), ctx.clock);
    printReport(report, ctx);
    if (!report.imported) {
        ctx.err << "fieldproof-server: " << file << " has " << report.errors.size()
                << " bad row(s); nothing was imported (fix them, or pass --skip-bad-rows)\n";
        return 1;
    }
    const auto &c = report.counts;
    journalCli(*data.store, ctx, "plan.imported", file, std::to_string(report.rows_read) + " rows",
               Json{{"regions_added", c.regions_added},
                    {"enterprises_added", c.enterprises_added},
                    {"enterprises_updated", c.enterprises_updated},
                    {"equipment_added", c.equipment_added},
                    {"equipment_updated", c.equipment_updated},
                    {"unchanged", c.unchanged}}
                   .dump());
    return 0;
}

int exportCommand(const std::vector<std::string> &all, CliContext &ctx)
{
    const CliArgs args(all, {"data", "database", "format", "out", "today"});
    const std::string name = args.onePositional("LIST (" + publishedListNames() + ")");
    const auto list = publishedListFromName(name);
    if (!list)
        throw UsageError("unknown list '" + name + "'; choose one of " + publishedListNames());
    const std::string format = args.require("format");
    if (format != "csv" && format != "xlsx")
        throw UsageError("--format must be csv or xlsx, not '" + format + "'");
    const std::filesystem::path out = args.require("out");
    const std::string today = args.valueOr("today", formatDate(ctx.clock.now()));
    auto data = openData(args);
    const Table table = buildList(*data.store, *list, today);
    if (format == "csv")
        writeCsv(table, out);
    else
        writeXlsx(table, out);
    ctx.out << "wrote " << table.rows.size() << " rows of " << table.title << " to " << out.string()
            << '\n';
    return 0;
}

int demoCommand(const std::vector<std::string> &all, CliContext &ctx)
{
    const CliArgs args(all, {"data", "database", "plan"});
    args.noPositionals();
    const auto given = args.value("plan");
    const std::filesystem::path plan = given ? std::filesystem::path(*given) : findSamplePlan(ctx);
    auto data = openData(args);
    OfficeStore &store = *data.store;
    printReport(importPlanSheet(store, readFile(plan), true, ctx.clock), ctx);

    struct DemoUser
    {
        const char *name;
        Role role;
        const char *password;
        std::vector<std::string> regions;
    };
    const std::vector<DemoUser> users = {
        {"zhang", Role::Inspector, "zhang-demo-2017", {"马风镇", "八里镇"}},
        {"li", Role::Inspector, "li-demo-2017", {"感王镇", "腾鳌镇"}},
        {"office", Role::Office, "office-demo-2017", {}},
        {"admin", Role::Admin, "admin-demo-2017", {}},
    };
    ctx.out << "demo accounts (username / password / role):\n";
    for (const auto &u : users) {
        if (!store.findUser(u.name)) {
            std::vector<std::string> regions;
            for (const auto &r : u.regions) {
                if (store.findRegionByName(r))
                    regions.push_back(r);
            }
            store.addUser(UserAccount{newId(ctx.clock), u.name, u.role, hashPassword(u.password)},
                          ScopeSpec{regions, {}});
        }
        ctx.out << "  " << u.name << " / " << u.password << " / " << enumName(u.role) << '\n';
    }

    // A few tasks and cards, once: the sample's enterprises by their credit codes. Their dates
    // are relative to today, so the demo's tasks are due soon (one just overdue), not years ago.
    if (store.countRows("task") == 0) {
        const auto code = [&](const char *c) { return store.findEnterpriseByCode(c); };
        const auto daysFromToday = [&](int days) {
            return formatDate(ctx.clock.now() + std::chrono::hours(24) * days);
        };
        const struct
        {
            const char *code;
            VisitKind kind;
            int dueInDays;
            const char *inspector;
        } tasks[] = {
            {"91210381G6P2UGEH1D", VisitKind::Survey, -3, "zhang"},
            {"91210381XU8C1R696T", VisitKind::Exit, 7, "zhang"},
            {"91210381L6TM8YDD3W", VisitKind::Acceptance, 30, "zhang"},
            {"91210381GJJPN5T157", VisitKind::Survey, 14, "li"},
        };
        for (const auto &t : tasks) {
            if (const auto e = code(t.code))
                store.addTask(Task{
                    newId(ctx.clock), e->id, t.kind, daysFromToday(t.dueInDays), {t.inspector}});
        }
        const struct
        {
            const char *code;
            CardStandard standard;
            CardLevel level;
            const char *department;
            int issuedDaysAgo;
        } cards[] = {
            {"912103813X41KX2N0Y", CardStandard::Energy, CardLevel::Yellow, "市经信局", 90},
            {"91210381PXJ03790X6", CardStandard::Safety, CardLevel::Red, "市安监局", 60},
            {"91210381GJJPN5T157", CardStandard::Environment, CardLevel::ExcessEmission, "市环保局",
             45},
            {"912103815E5HYPNB2C", CardStandard::Environment, CardLevel::SevereExcessEmission,
             "市环保局", 20},
        };
        for (const auto &c : cards) {
            if (const auto e = code(c.code)) {
                Card card;
                card.id = newId(ctx.clock);
                card.enterprise_id = e->id;
                card.standard = c.standard;
                card.level = c.level;
                card.department = c.department;
                card.issued_on = daysFromToday(-c.issuedDaysAgo);
                store.addCard(issueCard(card),
                              CardChange{formatTimestamp(ctx.clock.now()), "demo", "issued", {}});
            }
        }
    }
    ctx.out << "demo data is in " << data.dir.root.string() << "; start the server with:\n"
            << "  fieldproof-server serve --data " << data.dir.root.string() << '\n';
    return 0;
}

} // namespace fp
