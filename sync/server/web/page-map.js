// 企业分布图: enterprises coloured by exit status, drawn offline. Enterprises with coordinates
// (their own, or the positions recorded on their visits) are placed by longitude/latitude;
// the rest are laid out by region in a schematic panel, since the plan sheet has no coordinates.
import { api } from './api.js';
import { h, s } from './dom.js';
import { STATUS } from './labels.js';

const COLOR = { pending: '#9e9e9e', in_progress: '#f9a825', done: '#2e7d32', accepted: '#1565c0' };

function point(e, x, y) {
  return s('a', { href: `#/enterprise/${e.id}` },
    s('circle', { cx: x, cy: y, r: 7, fill: COLOR[e.status], stroke: '#fff', 'stroke-width': 1.5, class: 'map-point', 'data-status': e.status },
      s('title', {}, `${e.name}（${e.region_name}）${STATUS[e.status]}`)));
}

function geoPanel(located) {
  const W = 900, H = 420, pad = 40;
  const lats = located.map((e) => e.position.lat), lons = located.map((e) => e.position.lon);
  const [minLat, maxLat, minLon, maxLon] = [Math.min(...lats), Math.max(...lats), Math.min(...lons), Math.max(...lons)];
  const span = Math.max(maxLat - minLat, maxLon - minLon, 0.01);
  const x = (lon) => pad + ((lon - minLon) / span) * (W - 2 * pad);
  const y = (lat) => H - pad - ((lat - minLat) / span) * (H - 2 * pad);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'map', id: 'geo-map' },
    s('rect', { x: 0, y: 0, width: W, height: H, fill: '#f4f1ea' }));
  for (let k = 0; k <= 4; ++k) {
    const gx = pad + (k * (W - 2 * pad)) / 4, gy = pad + (k * (H - 2 * pad)) / 4;
    svg.append(s('line', { x1: gx, y1: pad, x2: gx, y2: H - pad, stroke: '#ddd6c8' }),
      s('line', { x1: pad, y1: gy, x2: W - pad, y2: gy, stroke: '#ddd6c8' }),
      s('text', { x: gx, y: H - 12, 'text-anchor': 'middle', class: 'map-axis' }, `${(minLon + (k * span) / 4).toFixed(3)}°E`));
  }
  for (const e of located) svg.append(point(e, x(e.position.lon), y(e.position.lat)));
  return svg;
}

function regionPanel(unlocated) {
  const byRegion = new Map();
  for (const e of unlocated) {
    if (!byRegion.has(e.region_name)) byRegion.set(e.region_name, []);
    byRegion.get(e.region_name).push(e);
  }
  const cols = 4, cellW = 225, cellH = 150, W = cols * cellW;
  const rows = Math.ceil(byRegion.size / cols);
  const svg = s('svg', { viewBox: `0 0 ${W} ${rows * cellH}`, class: 'map', id: 'region-map' });
  [...byRegion.entries()].forEach(([name, list], i) => {
    const ox = (i % cols) * cellW, oy = Math.floor(i / cols) * cellH;
    svg.append(s('rect', { x: ox + 6, y: oy + 6, width: cellW - 12, height: cellH - 12, rx: 18, fill: '#f4f1ea', stroke: '#c9c0ad' }),
      s('text', { x: ox + cellW / 2, y: oy + 30, 'text-anchor': 'middle', class: 'map-region' }, `${name}（${list.length}）`));
    list.forEach((e, k) => {
      const per = 8, px = ox + 30 + (k % per) * 23, py = oy + 56 + Math.floor(k / per) * 24;
      svg.append(point(e, px, py));
    });
  });
  return svg;
}

export async function mapPage() {
  const { enterprises } = await api('GET', '/api/v1/web/enterprises');
  const located = enterprises.filter((e) => e.position);
  const unlocated = enterprises.filter((e) => !e.position);
  const counts = {};
  for (const e of enterprises) counts[e.status] = (counts[e.status] || 0) + 1;
  return h('section', { id: 'map-page' },
    h('h1', {}, '企业分布图', h('small', {}, '离线绘制，不使用在线地图')),
    h('ul', { class: 'legend' }, Object.keys(COLOR).map((k) =>
      h('li', {}, h('span', { class: `swatch status-${k}` }), `${STATUS[k]}（${counts[k] || 0}）`))),
    located.length ? [h('h2', {}, `有坐标的企业（${located.length}）`), geoPanel(located)] : null,
    unlocated.length ? [h('h2', {}, `按属地排列（无坐标：${unlocated.length} 户，计划表未提供经纬度、现场核查也未记录定位）`), regionPanel(unlocated)] : null);
}
