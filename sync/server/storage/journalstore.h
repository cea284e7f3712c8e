#pragma once
// The office journal (issue 14 item 6): who did what in the office, one entry per action —
// review decisions, card changes, tasks, plan imports, enterprises, accounts, devices, refused
// sign-ins — append-only (never updated or deleted; the schema refuses both). Card changes and
// review decisions are journalled by the store itself with the change (PlanStore::addCard and
// updateCard, ReviewStore::setReview); every other action is appended here by whoever made it.

#include <cstdint>
#include <string>
#include <vector>

namespace fp {

/// One action. `kind` is "<what>.<verb>", e.g. card.issued, review.returned, task.added,
/// plan.imported, enterprise.added, account.added, device.revoked, signin.refused.
struct JournalEntry
{
    std::int64_t seq = 0;        // the journal's order; assigned by the store
    std::string at{};            // office time (formatTimestamp)
    std::string account{};       // the web account, "cli:<OS user>" for the command line, or
                                 // the name a refused sign-in tried
    std::string kind{};          //
    std::string target{};        // the id (or name) of what was acted on
    std::string enterprise_id{}; // the enterprise concerned, if any
    std::string summary{};       // one line for people
    std::string detail{};        // JSON object text: before/after or the numbers of the action
};

/// Which entries journal() returns, newest first.
struct JournalFilter
{
    std::string account{};       // exactly this account; empty: all
    std::string kind{};          // this kind, or with no dot every kind under it ("card")
    std::string from{};          // first day (YYYY-MM-DD, office time), inclusive; empty: open
    std::string to{};            // last day, inclusive; empty: open
    std::string enterprise_id{}; // entries about this enterprise; empty: all
    std::int64_t before = 0;     // entries older than this seq; 0: from the newest
    int limit = 50;
};

class JournalStore
{
  public:
    virtual ~JournalStore() = default;

    /// Appends `entry` (its seq is ignored) and returns its seq.
    virtual std::int64_t appendJournal(const JournalEntry &entry) = 0;
    /// The entries `filter` selects, newest first, at most `filter.limit`.
    virtual std::vector<JournalEntry> journal(const JournalFilter &filter) = 0;
};

} // namespace fp
