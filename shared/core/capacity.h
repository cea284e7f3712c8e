#pragma once
// Capacity figures added up per unit. Plans mix units (steel in 万吨/年, flat glass in
// 万重量箱/年); a total across units means nothing, so every sum keeps one figure per unit.

#include "core/types.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace fp {

class CapacityTotals
{
  public:
    void add(const Capacity &capacity) { m_byUnit[capacity.unit] += capacity.value; }

    /// The figure in `unit`, 0 when nothing was added in it.
    [[nodiscard]] double of(std::string_view unit) const
    {
        const auto it = m_byUnit.find(unit);
        return it == m_byUnit.end() ? 0.0 : it->second;
    }
    [[nodiscard]] const std::map<std::string, double, std::less<>> &byUnit() const
    {
        return m_byUnit;
    }
    [[nodiscard]] bool empty() const { return m_byUnit.empty(); }
    /// One capacity per unit, ordered by unit.
    [[nodiscard]] std::vector<Capacity> list() const
    {
        std::vector<Capacity> out;
        out.reserve(m_byUnit.size());
        for (const auto &[unit, value] : m_byUnit)
            out.push_back(Capacity{value, unit});
        return out;
    }

  private:
    std::map<std::string, double, std::less<>> m_byUnit;
};

} // namespace fp
