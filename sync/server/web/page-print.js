// 验收意见书: one enterprise's acceptance opinion laid out for A4 (the browser prints to PDF).
import { api } from './api.js';
import { h, table, num, time } from './dom.js';
import { FINDING, ACTION, VERDICT, SIGNER, TAG } from './labels.js';
import { blobUrl, isImported, importedMark } from './inspection.js';

// The acceptance visit the office accepted (the dossier's accepted_by, else the newest accepted
// one); without one, the newest unreviewed visit, printed only with a 未经审核 mark and without
// the office's name. A returned visit never prints.
function acceptanceToPrint(d) {
  const acceptance = (i) => i.inspection.kind === 'acceptance' && i.inspection.state === 'final' && i.opinion;
  const accepted = d.inspections.filter((i) => acceptance(i) && i.review && i.review.state === 'accepted');
  const chosen = accepted.find((i) => i.inspection.id === d.accepted_by) || accepted[0];
  if (chosen) return { visit: chosen, reviewed: true };
  const pending = d.inspections.find((i) => acceptance(i) && (!i.review || i.review.state === 'received'));
  return { visit: pending, reviewed: false };
}

export async function printPage(id) {
  const d = await api('GET', `/api/v1/web/enterprises/${encodeURIComponent(id)}`);
  const e = d.enterprise;
  const { visit, reviewed } = acceptanceToPrint(d); // inspections come newest first
  const checks = {};
  if (visit) for (const c of visit.checks) if (c.equipment_id) checks[c.equipment_id] = c;
  // The full photos, not the 320 px thumbnails: a photo is about 60 mm wide on the A4 sheet,
  // where a thumbnail would print at some 135 dpi and look soft. Six at most.
  const photos = visit ? visit.photos.slice(0, 6) : [];
  const date = visit ? time(visit.inspection.finished_at || visit.inspection.started_at).slice(0, 10) : '';
  return h('div', { id: 'print-page' },
    h('p', { class: 'no-print actions' },
      h('a', { href: `#/enterprise/${e.id}`, class: 'button' }, '返回档案'),
      h('button', { type: 'button', class: 'primary', id: 'print-button', onclick: () => window.print() }, '打印 / 另存为 PDF')),
    h('article', { class: 'a4' },
      h('h1', { class: 'doc-title' }, '淘汰落后产能验收意见书'),
      visit && !reviewed ? h('p', { class: 'unreviewed-mark', id: 'unreviewed-mark' },
        '未经审核：本意见书所依据的验收核查尚未经办公室审核通过，不作为完成淘汰任务的依据。') : null,
      h('p', { class: 'doc-no' }, `编号：${visit ? visit.inspection.id.slice(0, 13) : '（未验收）'}`),
      table(['企业名称', e.name, '统一社会信用代码', e.credit_code], [
        ['属地', e.region_name, '行业', e.industry],
        ['法定代表人', e.legal_representative, '联系电话', e.contact_phone],
        ['企业地址', h('span', {}, e.address), '验收日期', date]], { class: 'doc-table' }),
      h('h2', {}, '一、淘汰设备及核查情况'),
      table(['序号', '设备名称', '规格型号', '数量', '产能', '淘汰方式', '现场核查结果', '封条编号'],
        d.equipment.map((q, n) => {
          const c = checks[q.id];
          return [n + 1, q.kind, q.spec, q.count, `${num(q.capacity.value, 2)} ${q.capacity.unit}`, ACTION[q.action],
            c ? FINDING[c.finding] : FINDING[q.finding] || '未核查', c ? (c.seal_numbers || []).join('、') : ''];
        }), { class: 'doc-table' }),
      h('h2', {}, '二、现场照片'),
      photos.length ? h('div', { class: 'doc-photos' }, photos.map((p) => h('figure', {},
        h('img', { src: blobUrl(p.sha256), alt: TAG[p.tag] }), h('figcaption', {}, TAG[p.tag], ' ', isImported(p) ? importedMark(p) : time(p.taken_at)))))
        : h('p', {}, '（无）'),
      h('h2', {}, '三、验收结论'),
      visit ? [h('p', { class: 'verdict' }, `结论：${VERDICT[visit.opinion.verdict]}`),
        h('p', { class: 'opinion-text' }, visit.opinion.text),
        visit.opinion.follow_up_deadline ? h('p', {}, `整改期限：${visit.opinion.follow_up_deadline}`) : null]
        : h('p', { class: 'error' }, '尚未收到该企业的验收核查（检查验收阶段的现场核查及签字意见）。'),
      h('h2', {}, '四、签字'),
      h('p', {}, `验收人员：${visit ? visit.inspection.inspectors.join('、') : ''}`),
      h('div', { class: 'doc-signatures' }, visit ? visit.opinion.signatures.map((s) => h('figure', {},
        h('img', { src: blobUrl(s.sha256), alt: `${s.name}的签名` }),
        h('figcaption', {}, `${SIGNER[s.role]}：${s.name}　${time(s.signed_at).slice(0, 10)}`))) : null),
      visit && visit.statement_hash ? h('p', { class: 'doc-verify', id: 'verify-code' },
        `核验码：${visit.verification_code}　声明哈希：${visit.statement_hash}（用 fieldproof-verify 核验本企业证据包）`) : null,
      h('p', { class: 'doc-footer' }, reviewed ? `海城市淘汰落后产能工作协调小组办公室　${date}` : `（未经审核）　${date}`)));
}
