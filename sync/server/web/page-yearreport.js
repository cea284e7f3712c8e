// 年度报告: the year-end report (seed §四(七)) on screen and on paper, as one XLSX workbook or
// CSV; progress exports; and the threshold below which a region counts as slow (issue 14 item 5).
import { api, describe } from './api.js';
import { h, table, num, busy, notify, time } from './dom.js';

/// #/yearreport[/YEAR]
export async function yearReportPage(year = '') {
  const query = /^\d{4}$/.test(year) ? `?year=${year}` : '';
  const [r, settings] = await Promise.all([api('GET', `/api/v1/web/year-report${query}`), api('GET', '/api/v1/web/settings')]);
  const yearInput = h('input', { id: 'report-year', type: 'number', min: '2000', max: '2100', value: String(r.year), 'aria-label': '年度' });
  const yearForm = h('form', { class: 'actions no-print', id: 'report-year-form' },
    h('label', {}, '年度 ', yearInput), h('button', { type: 'submit' }, '查看'));
  yearForm.addEventListener('submit', (ev) => { ev.preventDefault(); location.hash = `#/yearreport/${yearInput.value}`; });

  const percent = h('input', { id: 'slow-percent', type: 'number', min: '0', max: '100', step: '1', value: String(settings.slow_region_percent), 'aria-label': '进展缓慢阈值' });
  const settingResult = h('span', { class: 'error', role: 'alert', id: 'slow-percent-result' });
  const settingForm = h('form', { class: 'actions no-print', id: 'slow-percent-form' },
    h('label', {}, '完成率低于 ', percent, ' % 的属地列为进展缓慢'),
    h('button', { type: 'submit', class: 'primary' }, '保存阈值'),
    settings.changed_by ? h('span', { class: 'muted' }, `上次由 ${settings.changed_by} 于 ${time(settings.changed_at)} 设置`) : h('span', { class: 'muted' }, '默认 50%'),
    settingResult);
  settingForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    busy(settingForm.querySelector('button'), async () => {
      settingResult.textContent = '';
      try {
        const s = await api('POST', '/api/v1/web/settings', { slow_region_percent: percent.value === '' ? null : Number(percent.value) });
        section.replaceWith(await yearReportPage(String(r.year))); // the slow regions anew
        notify(`进展缓慢阈值已设为 ${s.slow_region_percent}%。`);
      } catch (err) {
        settingResult.textContent = describe(err);
      }
    });
  });

  const y = r.year;
  const figures = [
    ['退出企业', `${r.exited_enterprises} 家`], ['退出设备', `${num(r.exited_units, 0)} 台/条`],
    ['挂牌', r.cards_opened], ['整改', r.cards_rectified], ['依法关停', r.cards_closed],
    ['逾期任务', r.overdue_tasks], ['进展缓慢属地', r.slow_regions], ['举报线索', r.tipoffs], ['现场发现', r.onsite_finds]];
  const section = h('section', { id: 'yearreport-page' },
    h('h1', {}, `${y} 年度淘汰落后产能工作报告`, h('small', {}, `统计截至 ${r.today}`)),
    yearForm,
    h('p', { class: 'actions no-print' },
      h('a', { href: `/api/v1/web/year-report.xlsx?year=${y}`, class: 'button', id: 'report-xlsx', download: `year-report-${y}.xlsx` }, '下载年度报告 (XLSX)'),
      h('a', { href: `/api/v1/web/year-report.csv?year=${y}`, class: 'button', id: 'report-csv', download: `year-report-${y}.csv` }, '下载 CSV'),
      h('a', { href: '/api/v1/web/progress.xlsx', class: 'button', id: 'progress-xlsx', download: 'progress.xlsx' }, '工作进度 (XLSX)'),
      h('a', { href: '/api/v1/web/progress.csv', class: 'button', id: 'progress-csv', download: 'progress.csv' }, '工作进度 (CSV)'),
      h('button', { type: 'button', id: 'report-print', onclick: () => window.print() }, '打印')),
    settingForm,
    h('dl', { class: 'figures', id: 'report-figures' }, figures.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, String(v))))),
    r.tables.slice(1).map((t, i) => h('div', { class: 'report-section', 'data-section': t.title },
      h('h2', {}, `${i + 1}. ${t.title}`),
      t.rows.length ? table(t.headers, t.rows.map((row) => row.map((c) => (typeof c === 'number' ? num(c, 3) : c))), { class: 'data' })
        : h('p', { class: 'muted' }, '无。'))));
  return section;
}
