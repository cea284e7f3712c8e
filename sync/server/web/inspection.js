// One inspection's evidence trail: findings, seal numbers, photos, positions, device time vs
// receipt time, the opinion with its signatures, and (optionally) the review controls.
import { api, describe } from './api.js';
import { h, badge, time, position, table, showPhoto, busy, showError, confirmAction, notify } from './dom.js';
import { KIND, FINDING, REVIEW, TAG, VERDICT, SIGNER, RULE_FLAG } from './labels.js';

export const blobUrl = (sha) => `/api/v1/web/blobs/${sha}`;
/// The server's thumbnail (JPEG, long edge at most 320 px) of a photo; a PNG comes back whole.
export const thumbUrl = (sha) => `/api/v1/web/blobs/${sha}/thumb`;

/// A thumbnail that falls back to the photo itself once when the server cannot make one (a
/// JPEG its decoder refuses, answered 422): the browser may still show what it can of it.
function thumbImage(sha, attrs) {
  const img = h('img', { ...attrs, src: thumbUrl(sha) });
  img.addEventListener('error', () => {
    if (img.src.endsWith('/thumb')) img.src = blobUrl(sha);
  });
  return img;
}

function equipmentName(check, equipment) {
  if (check.unlisted) return `漏报：${check.unlisted.kind} ${check.unlisted.spec}`;
  const q = equipment[check.equipment_id];
  return q ? `${q.kind} ${q.spec}` : '（计划外设备）';
}

function measures(c) {
  const m = [];
  if (c.water_cut) m.push('断水');
  if (c.power_cut) m.push('断电');
  if (c.power_units_removed) m.push('拆除动力装置');
  if (c.main_equipment_sealed) m.push('主体设备封存');
  return m.join('、') || '—';
}

/// A photo imported from a file (not taken with the tablet's camera on site) says so: 导入 with
/// the file's own EXIF time, or 导入，时间未知. Bundles from before `source` are camera photos.
export const isImported = (p) => p.source === 'imported';
export function importedText(p) {
  return p.taken_at ? `导入 ${time(p.taken_at)}` : '导入，时间未知';
}
export function importedMark(p) {
  return h('strong', { class: 'imported-mark', title: '从文件导入的照片，非现场拍摄' }, importedText(p));
}

/// A position as the tablet recorded it: how old its fix was, and a warning when the tablet's
/// platform marked it simulated (a mock location app or a replayed recording).
function fixAge(seconds) {
  if (seconds < 60) return `${seconds} 秒`;
  return seconds < 3600 ? `${Math.round(seconds / 60)} 分钟` : `${Math.round(seconds / 360) / 10} 小时`;
}
export function fixText(p, flag = true) {
  if (!p) return position(p);
  const age = Number.isInteger(p.fix_age_s) ? `，定位于 ${fixAge(p.fix_age_s)}前` : '';
  return `${position(p)}${age}${flag && p.simulated ? '，模拟定位' : ''}`;
}
function fix(p) {
  return h('span', { class: p && p.simulated ? 'fix simulated' : 'fix' }, fixText(p, false),
    p && p.simulated ? [' ', badge('模拟定位', 'red')] : null);
}

export function photoGrid(photos, equipmentLabel) {
  return h('div', { class: 'photos' }, photos.map((p) => {
    const when = isImported(p) ? importedText(p) : `拍摄 ${time(p.taken_at)} · ${fixText(p.position)}`;
    const caption = `${TAG[p.tag] || p.tag}${equipmentLabel ? ' · ' + equipmentLabel(p) : ''} · ${when}`;
    return h('figure', { class: 'thumb' },
      h('button', { type: 'button', class: 'thumb-button', title: '查看原图',
        onclick: () => showPhoto(blobUrl(p.sha256), caption) },
      thumbImage(p.sha256, { alt: TAG[p.tag] || p.tag, loading: 'lazy', width: 160, height: 120 })),
      h('figcaption', {}, TAG[p.tag] || p.tag, h('br'), isImported(p) ? importedMark(p) : time(p.taken_at)));
  }));
}

export function signatures(opinion) {
  return h('div', { class: 'signatures' }, (opinion.signatures || []).map((s) =>
    h('figure', { class: 'signature' },
      h('img', { src: blobUrl(s.sha256), alt: `${s.name}的签名`, width: 180, height: 70 }),
      h('figcaption', {}, `${SIGNER[s.role] || s.role}：${s.name}`, h('br'), time(s.signed_at)))));
}

const REASON_LIMIT = 500; // characters, as the server counts them

function reviewControls(insp, onChange) {
  const reason = h('input', { type: 'text', class: 'reason', placeholder: '退回原因（核查人员同步后在平板上看到）',
    'aria-label': '退回原因' });
  const message = h('span', { class: 'error', role: 'alert' });
  const send = async (decision) => {
    message.textContent = '';
    if (decision === 'return' && !reason.value.trim()) {
      message.textContent = '请填写退回原因。';
      return;
    }
    const length = [...reason.value.trim()].length;
    if (decision === 'return' && length > REASON_LIMIT) {
      message.textContent = `退回原因最多 ${REASON_LIMIT} 个字，现在 ${length} 个；请精简后再退回。`;
      return;
    }
    const what = `${insp.enterprise_name || ''}的${KIND[insp.inspection.kind] || ''}核查（${insp.username || ''}）`;
    if (decision === 'accept' && !await confirmAction(
      `审核通过${what}？通过后它计入工作进度和公示名单，核查人员同步后会看到审核结论。`, '审核通过')) return;
    // Made against the version this page shows: another clerk's decision since is 409 stale.
    const version = insp.review ? insp.review.version : undefined;
    try {
      await api('POST', `/api/v1/web/inspections/${encodeURIComponent(insp.inspection.id)}/review`,
        decision === 'return' ? { decision, reason: reason.value.trim(), expected_version: version }
          : { decision, expected_version: version });
      notify(decision === 'accept' ? `已审核通过${what}。` : `已退回${what}，原因：${reason.value.trim()}。核查人员同步后会在平板上看到。`);
      onChange();
    } catch (err) {
      showError(message, describe(err), err, onChange);
    }
  };
  return h('div', { class: 'review-controls' },
    h('button', { type: 'button', class: 'primary accept', onclick: (ev) => busy(ev.currentTarget, () => send('accept')) }, '审核通过'),
    reason,
    h('button', { type: 'button', class: 'danger return', onclick: (ev) => busy(ev.currentTarget, () => send('return')) }, '退回'),
    message);
}

export function inspectionCard(insp, equipment, { onReview } = {}) {
  const i = insp.inspection;
  const review = insp.review;
  const checkLabel = {};
  for (const c of insp.checks) checkLabel[c.id] = equipmentName(c, equipment);
  return h('article', { class: 'inspection', 'data-inspection': i.id },
    h('header', {},
      h('h3', {}, `${KIND[i.kind] || i.kind} · ${time(i.started_at).slice(0, 10)}`),
      i.state === 'final' ? null : badge('草稿', 'muted'),
      review ? badge(REVIEW[review.state], review.state) : null,
      insp.enterprise_name ? h('span', { class: 'muted' }, insp.enterprise_name) : null),
    // The office re-checks the work plan's rules against its plan: shown before accepting.
    (insp.rule_flags || []).length ? h('ul', { class: 'rule-flags error' },
      h('li', {}, '不符合工作方案规定（审核通过后这些设备也不计入进度和名单）：'),
      insp.rule_flags.map((f) => h('li', {}, `${checkLabel[f.subject_id] || (equipment[f.subject_id] ?
        `${equipment[f.subject_id].kind} ${equipment[f.subject_id].spec}` : '')} ${RULE_FLAG[f.code] || f.message}`))) : null,
    h('dl', { class: 'facts' },
      h('dt', {}, '核查人员'), h('dd', {}, (i.inspectors || []).join('、')),
      h('dt', {}, '企业代表'), h('dd', {}, i.representative || '—'),
      h('dt', {}, '现场时间'), h('dd', {}, `${time(i.started_at)} 至 ${time(i.finished_at)}`),
      h('dt', {}, '平板时间'), h('dd', {}, time(insp.device_time)),
      h('dt', {}, '办公室收到'), h('dd', {}, time(insp.received_at)),
      h('dt', {}, '设备'), h('dd', {}, `${insp.device_name}（${insp.username}）第 ${insp.version} 版`),
      h('dt', {}, '位置'), h('dd', {}, fix(i.position)),
      i.notes ? [h('dt', {}, '备注'), h('dd', {}, i.notes)] : null,
      review && review.state === 'returned' ? [h('dt', {}, '退回原因'), h('dd', { class: 'error' }, review.reason)] : null),
    table(['设备', '核查结果', '措施', '封条编号', '核查时间', '位置', '说明'],
      insp.checks.map((c) => [checkLabel[c.id], h('span', { class: `finding ${c.finding}` }, FINDING[c.finding] || c.finding),
        measures(c), (c.seal_numbers || []).join('、') || '—', time(c.checked_at), fix(c.position), c.notes || '']),
      { class: 'data checks' }),
    insp.photos.length ? photoGrid(insp.photos, (p) => checkLabel[p.check_id] || '整体') : h('p', { class: 'muted' }, '没有照片。'),
    insp.opinion ? h('div', { class: 'opinion' },
      h('h4', {}, '验收意见：', badge(VERDICT[insp.opinion.verdict] || insp.opinion.verdict, insp.opinion.verdict)),
      h('p', {}, insp.opinion.text),
      insp.opinion.follow_up_deadline ? h('p', {}, `整改期限：${insp.opinion.follow_up_deadline}`) : null,
      signatures(insp.opinion)) : null,
    onReview && review ? reviewControls(insp, onReview) : null);
}
