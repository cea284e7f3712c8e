#pragma once
// The office database's schema, one migration step per PRAGMA user_version.

#include "db/migrations.h"

#include <span>

namespace fp {

std::span<const MigrationStep> officeSchemaSteps();

} // namespace fp
