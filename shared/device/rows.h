#pragma once
// Mapping between the domain records and the device database's rows. Every statement is
// prepared with bound parameters; callers own the transaction.

#include "core/types.h"
#include "db/database.h"

#include <optional>
#include <string>
#include <vector>

namespace fp::rows {

void upsert(Database &db, const Region &v);
void upsert(Database &db, const Enterprise &v);
void upsert(Database &db, const Equipment &v);
void upsert(Database &db, const Card &v);
void upsert(Database &db, const Task &v);
void upsert(Database &db, const Review &v);

std::vector<Region> regions(Database &db);
std::vector<Enterprise> enterprises(Database &db);
std::optional<Enterprise> enterprise(Database &db, const std::string &id);
std::vector<Equipment> equipmentOf(Database &db, const std::string &enterpriseId);
std::vector<Card> cardsOf(Database &db, const std::string &enterpriseId);
std::vector<Task> tasks(Database &db);
std::optional<Review> review(Database &db, const std::string &inspectionId);

/// Inserts or replaces (the caller has checked the inspection is a draft).
void upsert(Database &db, const Inspection &v, std::int64_t revision);
void upsert(Database &db, const EquipmentCheck &v);
void upsert(Database &db, const Photo &v);
void upsert(Database &db, const Opinion &v);

std::optional<Inspection> inspection(Database &db, const std::string &id);
std::vector<Inspection> inspectionsOf(Database &db, const std::string &enterpriseId);
std::vector<EquipmentCheck> checksOf(Database &db, const std::string &inspectionId);
std::vector<Photo> photosOf(Database &db, const std::string &inspectionId);
std::optional<Photo> photo(Database &db, const std::string &id);
std::optional<EquipmentCheck> check(Database &db, const std::string &id);
std::optional<Opinion> opinionOf(Database &db, const std::string &inspectionId);
std::int64_t revisionOf(Database &db, const std::string &inspectionId);

} // namespace fp::rows
