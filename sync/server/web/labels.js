// Chinese names of the wire's enum values, shared by every page.
export const KIND = { survey: '摸底排查', exit: '组织退出', acceptance: '检查验收', recheck: '复查' };
export const FINDING = {
  dismantled: '已拆除', sealed: '已封存(待拆除)', operating: '仍在生产', idle_unsealed: '停产未封存',
  missing: '设备不存在', mismatch: '与清单不符', '': '尚未核查',
};
export const REVIEW = { received: '待审核', accepted: '已通过', returned: '已退回' };
export const STATUS = { accepted: '已验收', done: '已全部拆除', in_progress: '退出中', pending: '未开始' };
export const TAG = {
  overview: '全景', nameplate: '铭牌', seal: '封条', power_cut: '断电', water_cut: '断水',
  dismantled_site: '拆除现场', commitment_letter: '承诺书', other: '其他',
};
export const VERDICT = { pass: '通过', fail: '不通过', conditional: '有条件通过' }; // as the tablet names them
export const SIGNER = { inspector: '核查人员', representative: '企业代表' };
export const LEVEL = { yellow: '黄牌', red: '红牌', excess_emission: '超标排放', severe_excess_emission: '严重超标排放' };
export const STANDARD = { energy: '能耗', environment: '环保', quality: '质量', safety: '安全', technology: '技术(淘汰类)' };
export const CARD_STATE = { open: '未整改', rectified: '已整改', closed_by_law: '依法关停', withdrawn: '已撤回(误发)' };
export const ACTION = { dismantle: '拆除', seal_then_dismantle: '封存后拆除' };
export const LISTS = {
  plan: '淘汰落后产能计划', yellow: '黄牌企业名单', red: '红牌企业名单',
  'excess-emission': '超标排放企业名单', 'severe-excess-emission': '严重超标排放企业名单',
  completed: '完成淘汰任务企业名单', sealed: '封存待拆除企业名单',
};
export const ITEM_STATUS = {
  planned: '未完成', sealed_pending: '已封存待拆除', dismantled: '已拆除', accepted: '已验收', resumed: '复产',
};
/// The work plan's rules an inspection breaks (rule_flags; docs/protocol.md).
export const RULE_FLAG = {
  sealed_needs_water_cut: '封存但未记录断水', sealed_needs_power_cut: '封存但未记录断电',
  sealed_needs_power_units_removed: '封存但未拆除动力装置', sealed_needs_main_equipment_sealed: '封存但未封存主体设备',
  sealed_needs_commitment_letter: '封存但没有企业公开承诺书照片',
  pass_needs_dismantled: '结论“通过”，但计划设备未拆除(或缺拆除现场照片)',
  conditional_item_not_allowed: '结论“有条件通过”，但该设备须拆除或已超过拆除期限',
};
export const ROLE = { office: '办公室', admin: '管理员', inspector: '核查人员' };
/// An office account's department (issue 14 item 7): the bureau answering for a card's standard,
/// or a town or zone office that sees its own regions only.
export const DEPARTMENT = {
  none: '未分配部门', economy: '经信局/发改局', environment: '环保局', market: '市场监督管理局',
  safety: '安监局', region: '镇（区）办公室',
};
export const DEPARTMENT_ORDER = ['economy', 'environment', 'market', 'safety', 'region', 'none'];
/// Roles from least to most rights: nobody creates an account above their own.
export const ROLE_ORDER = ['inspector', 'office', 'admin'];
/// Why the office refused a pushed item (docs/protocol.md, the push rules).
export const REJECTION = {
  out_of_scope: '超出核查范围', not_owner: '属于其他人员的记录', conflict: '同一版本内容不同',
  final_immutable: '已定稿，不能修改', evidence_incomplete: '证据不全', missing_blob: '缺少照片或签名文件',
  invalid_data: '数据格式错误', id_mismatch: '编号不一致', unsupported_type: '不支持的记录类型',
};
/// What a change in a record's history did (409 stale names the newest; docs/web.md).
export const CHANGE_ACTION = {
  accepted: '审核通过', returned: '退回', issued: '挂牌', extended: '延期', rectified: '记录已整改',
  closed_by_law: '依法关停', produced: '转为红牌', withdrawn: '撤回', reopened: '撤销已整改',
};
/// The office journal's kinds (docs/web.md): families for the filter, then each kind.
export const JOURNAL_FAMILY = {
  review: '核查审核', card: '黄牌红牌', task: '核查任务', plan: '计划导入', enterprise: '企业',
  account: '账号', device: '平板', signin: '登录',
};
export const JOURNAL_KIND = {
  'review.accepted': '审核通过', 'review.returned': '审核退回',
  'card.issued': '挂牌', 'card.extended': '延期整改', 'card.open': '恢复为未整改', 'card.rectified': '记录已整改',
  'card.closed_by_law': '依法关停', 'card.produced': '转为红牌', 'card.withdrawn': '撤回(误发)',
  'task.added': '新建任务', 'task.removed': '删除任务', 'plan.imported': '导入计划',
  'enterprise.added': '新增企业',
  'account.added': '新建账号', 'account.scope_changed': '修改范围', 'account.department_changed': '修改部门', 'account.password_reset': '重置密码',
  'account.unlocked': '解除锁定', 'device.revoked': '停用平板', 'signin.refused': '登录被拒',
};
// On-site finds and tip-offs (issue 14 items 2 and 3) in the journal.
Object.assign(JOURNAL_FAMILY, { find: '现场发现', tipoff: '举报线索' });
Object.assign(JOURNAL_KIND, {
  'find.confirmed': '现场发现纳入计划', 'find.dismissed': '排除现场发现',
  'tipoff.added': '登记举报', 'tipoff.tasked': '举报派出核查', 'tipoff.closed': '办结举报',
});
/// Dated publications and the year-end report (issue 14 items 4 and 5).
export const PUBLICATION_STATE = { unpublished: '未发布', published: '已公布', changed: '已变化' };
Object.assign(JOURNAL_FAMILY, { publication: '分批公布', setting: '设置' });
Object.assign(JOURNAL_KIND, { 'publication.published': '公布名单', 'setting.changed': '修改设置' });
