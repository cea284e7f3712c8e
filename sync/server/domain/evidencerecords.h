#pragma once
// What the office holds as evidence of one enterprise's final inspections, for its evidence
// bundle (docs/protocol.md §10): each inspection's stored JSON, signed statement and latest
// review decision, the keys that signed them, and where their leaves sit in the office log
// under one signed tree head.

#include "protocol/evidencebundle.h"
#include "protocol/logwire.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fp {

struct EvidenceInspection
{
    std::string id;
    std::string data;      // the inspection JSON exactly as the office stored it
    std::string statement; // the statement's canonical bytes; empty for an unsigned one
    std::string signature; // 128 hex digits; empty for an unsigned one
    std::string amends_id{};
    bundle::InspectionProof proof{}; // review_state empty: never reviewed
    bool statement_logged = false;   // proof.statement_leaf holds a leaf
    bool review_logged = false;      // proof.review_leaf holds a leaf
};

struct EvidenceSet
{
    std::optional<SignedTreeHead> head; // none before the office's first logged change
    std::string office_public_key;
    std::map<std::string, std::string> device_keys; // device id -> public key hex
    std::vector<EvidenceInspection> inspections;    // final ones, in the order received
};

} // namespace fp
