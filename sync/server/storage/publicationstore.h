#pragma once
// Dated publications (issue 14 item 4): a published list frozen as a numbered batch (第一批黄牌企业
// 名单, its date, who published it), kept exactly as published so that it downloads the same
// bytes years later; and the office's settings (issue 14 item 5: the progress below which a
// region counts as slow). Both append to the office journal in the transaction of the change.
// The store keeps a batch's table as opaque JSON text; exchange/publication.h gives it shape.

#include "server/domain/storeruleerror.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fp {

/// One published batch of one list.
struct Publication
{
    std::int64_t id = 0;        // assigned by the store
    std::string list{};         // the list's name, e.g. "yellow" (listexport.h)
    std::int64_t batch = 0;     // 1, 2, ... per list; assigned by the store
    std::string title{};        // e.g. 第一批黄牌企业名单
    std::string published_on{}; // the date the batch carries (YYYY-MM-DD)
    std::string published_at{}; // office time of the publication (formatTimestamp)
    std::string published_by{}; // the web account, or "cli:<OS user>"
    std::int64_t row_count = 0; //
    std::string content{};      // the frozen table as JSON text (exchange/publication.h)
};

/// An office setting, with who set it last.
struct OfficeSetting
{
    std::string key{};
    std::string value{};
    std::string changed_at{};
    std::string changed_by{};
};

class PublicationStore
{
  public:
    virtual ~PublicationStore() = default;

    /// Stores `p` (its id is assigned) and journals it (publication.published), in one
    /// transaction. `p.batch` must be the list's next batch number (its batches so far plus one):
    /// when another publication of the list came first, throws StoreRuleError and stores nothing.
    virtual Publication publish(const Publication &p) = 0;
    /// The batches of `list` (of every list when empty), oldest first, without their content.
    virtual std::vector<Publication> publications(const std::string &list) = 0;
    /// One batch with its content.
    virtual std::optional<Publication> findPublication(std::int64_t id) = 0;

    /// The setting `key`, if ever set.
    virtual std::optional<OfficeSetting> officeSetting(const std::string &key) = 0;
    /// Sets `setting.key` to `setting.value` and journals it (setting.changed, with before and
    /// after), in one transaction.
    virtual void setOfficeSetting(const OfficeSetting &setting) = 0;
};

} // namespace fp
