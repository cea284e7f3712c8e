// Small inline-SVG charts (no library, nothing from the internet).
import { h, s, num } from './dom.js';

export const COLORS = {
  dismantled: '#2e7d32', sealed: '#f9a825', accepted: '#1565c0', remaining: '#cfd8dc',
  pending: '#9e9e9e', in_progress: '#f9a825', done: '#2e7d32', overdue: '#c62828',
};

/// Horizontal stacked bars: for each row, parts [{key, value}] of a total.
export function stackedBars(rows, { title, unit, parts, labels }) {
  const rowH = 28, labelW = 150, barW = 520, top = 34, width = labelW + barW + 130;
  const height = top + rows.length * rowH + 36;
  const max = Math.max(1e-9, ...rows.map((r) => r.total));
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': title });
  svg.append(s('text', { x: 0, y: 18, class: 'chart-title' }, title));
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    svg.append(s('text', { x: labelW - 8, y: y + 17, 'text-anchor': 'end', class: 'chart-label' }, r.name));
    let x = labelW;
    for (const key of parts) {
      const w = (barW * (r[key] || 0)) / max;
      if (w > 0) {
        svg.append(s('rect', { x, y: y + 4, width: w, height: rowH - 10, fill: COLORS[key] },
          s('title', {}, `${r.name} ${labels[key]}：${num(r[key], 2)} ${unit}`)));
      }
      x += w;
    }
    svg.append(s('text', { x: labelW + (barW * r.total) / max + 6, y: y + 17, class: 'chart-value' },
      `${num(r.done, 1)} / ${num(r.total, 1)}`));
  });
  const ly = top + rows.length * rowH + 16;
  parts.forEach((key, i) => {
    svg.append(s('rect', { x: labelW + i * 130, y: ly - 10, width: 12, height: 12, fill: COLORS[key] }));
    svg.append(s('text', { x: labelW + i * 130 + 18, y: ly, class: 'chart-label' }, labels[key]));
  });
  return h('figure', { class: 'chart-box' }, svg);
}

/// A ring showing done/total with the share in the middle.
export function ring(done, total, label, color = COLORS.dismantled) {
  const r = 42, c = 2 * Math.PI * r, share = total > 0 ? done / total : 0;
  const svg = s('svg', { viewBox: '0 0 120 120', class: 'ring', role: 'img', 'aria-label': label },
    s('circle', { cx: 60, cy: 60, r, fill: 'none', stroke: COLORS.remaining, 'stroke-width': 14 }),
    s('circle', { cx: 60, cy: 60, r, fill: 'none', stroke: color, 'stroke-width': 14,
      'stroke-dasharray': `${c * share} ${c}`, transform: 'rotate(-90 60 60)' }),
    s('text', { x: 60, y: 66, 'text-anchor': 'middle', class: 'ring-value' }, `${Math.round(share * 100)}%`));
  return h('figure', { class: 'ring-box' }, svg, h('figcaption', {}, label));
}
