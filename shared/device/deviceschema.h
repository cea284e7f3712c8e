#pragma once
// The tablet database's schema history. Never edit a released step: add a new one.

#include "db/migrations.h"

#include <span>

namespace fp {

/// Step N brings a device database from schema N-1 to N.
std::span<const MigrationStep> deviceSchemaSteps();

} // namespace fp
