// The server's error codes and sentences in Chinese, with what to do next (issue 16 item 3).
// The API keeps its English messages for other clients; the page never shows them as its text,
// only in an element's title (for support), and never the bare code.
import { CARD_STATE, DEPARTMENT, STANDARD } from './labels.js';

/// The fields a request or a plan sheet names, in the clerk's words.
const FIELD = {
  enterprise_id: '企业', kind: '阶段', due: '期限', inspectors: '核查人员', standard: '不达标标准', level: '类别',
  department: '发牌部门', issued_on: '发牌日期', review_on: '复查日期', to: '延期至', applied_on: '企业申请日期',
  reason: '原因', decision: '审核结论', state: '状态', username: '用户名', password: '密码', role: '角色',
  regions: '属地', enterprises: '单独企业', expected_version: '页面版本',
  credit_code: '统一社会信用代码', name: '企业名称', region: '属地', industry: '行业', address: '地址',
  legal_representative: '法定代表人', contact_phone: '联系电话', location: '经纬度',
};

const field = (name) => FIELD[name] || name;

/// [pattern, Chinese]: the server's English sentences the page knows, most specific first.
const SENTENCES = [
  // Dated publications and the year-end report (issue 14 items 4 and 5).
  [/was published meanwhile/, '这份名单刚刚由他人公布了新的批次。请刷新页面，查看最新批次后再决定是否公布。'],
  [/is not a list published in batches/, '只有黄牌、红牌和完成淘汰任务企业名单可以分批公布。'],
  [/slow_region_percent/, '进展缓慢阈值须为 0 到 100 之间的数。'],
  // The plan sheet as a whole.
  [/XLSX workbook/, '这是 Excel(XLSX) 工作簿，不是 CSV 文件。请在 Excel 或 WPS 中“另存为 → CSV”，再导入另存的文件。'],
  [/old Excel \.xls workbook/, '这是旧版 Excel(.xls) 工作簿，不是 CSV 文件。请在 Excel 或 WPS 中“另存为 → CSV”，再导入另存的文件。'],
  [/the plan sheet is empty/, '所选文件是空的。请选择填好的计划表再导入。'],
  // A plan sheet's lines (errors[].reason).
  [/^the row has only (\d+) cells but the header has (\d+)/, (m) => `这一行只有 ${m[1]} 列，表头有 ${m[2]} 列：可能少了逗号，或某个单元格丢了引号。请在表格中核对这一行。`],
  [/^the row has (\d+) cells but the header has (\d+)/, (m) => `这一行有 ${m[1]} 列，表头只有 ${m[2]} 列：某个单元格里可能有未加引号的逗号。请在表格中核对这一行。`],
  [/^属地 is empty/, '“属地”为空：请填写所在镇区、管理区或开发区。'],
  [/^企业名称 is empty/, '“企业名称”为空：每行都要写企业名称（只有同时留空企业名称和统一社会信用代码，才表示沿用上一行的企业）。'],
  [/^统一社会信用代码 is empty/, '“统一社会信用代码”为空：每家企业都要有 18 位统一社会信用代码。'],
  [/^统一社会信用代码 '([^']*)' is not valid: the check character \(position 18\) is '(.)', expected '(.)'/,
    (m) => `统一社会信用代码“${m[1]}”有误：第 18 位校验码是“${m[2]}”，按前 17 位应为“${m[3]}”。请向企业核实后改正。`],
  [/^统一社会信用代码 '([^']*)' is not valid: the organization code check character \(position 17\) is '(.)', expected '(.)'/,
    (m) => `统一社会信用代码“${m[1]}”有误：第 17 位（组织机构代码校验码）是“${m[2]}”，应为“${m[3]}”。请向企业核实后改正。`],
  [/^统一社会信用代码 '([^']*)' is not valid: the credit code has (\d+) characters/,
    (m) => `统一社会信用代码“${m[1]}”有 ${m[2]} 位，应为 18 位。请核对后改正。`],
  [/^统一社会信用代码 '([^']*)' is not valid/, (m) => `统一社会信用代码“${m[1]}”格式不对：只能是 18 位数字和大写字母。请核对后改正。`],
  [/^统一社会信用代码 '([^']*)' belongs to '([^']*)' on line (\d+), but this row names '([^']*)'/,
    (m) => `统一社会信用代码“${m[1]}”在第 ${m[3]} 行属于“${m[2]}”，这一行却写“${m[4]}”：一个代码不能对应两家企业。请核对企业名称或代码。`],
  [/^设备名称 is empty/, '“设备名称”为空：请写明设备（例如 中频炉）。'],
  [/^(\S+) '([^']*)' is not a whole number greater than 0/, (m) => `“${m[1]}”写的是“${m[2]}”，应为大于 0 的整数。`],
  [/^产能单位 '([^']*)' is not an annual unit/, (m) => `产能单位“${m[1]}”不是年产能单位：请写 万吨/年、万重量箱/年 等。`],
  [/^产能\(([^)]*)\) '([^']*)' is not a number greater than 0/, (m) => `产能(${m[1]})写的是“${m[2]}”，应为大于 0 的数字（单元格里写单位时须是年产能，例如 3.0万吨/年）。`],
  [/^淘汰方式 '([^']*)' is not known/, (m) => `淘汰方式“${m[1]}”无法识别：请写“拆除”或“封存后拆除”。`],
  [/^计划完成时间 '([^']*)' is not a date/, (m) => `计划完成时间“${m[1]}”不是日期：请写成 2017-10-31 或 2017年10月31日。`],
  // Cards.
  [/only an energy yellow card may be extended/, '只有能耗类黄牌可以延期一次（节约能源法）；质量、安全等类别的黄牌不能延期。'],
  [/only an open card can be extended/, '只有未整改的牌可以延期。'],
  [/already extended to (\S+?); a yellow card may be extended only once/, (m) => `这张黄牌已延期至 ${m[1]}，黄牌只能延期一次。`],
  [/applied_on: the application date must be a date on or before (\S+)/, (m) => `企业申请日期须在整改期限 ${m[1]} 当天或之前。请核对企业的申请日期。`],
  [/reason: say why the enterprise needs more time/, '请填写延期原因（企业为什么需要更多时间）。'],
  [/an extension must end after (\S+) and no later than (\S+) \(3 months\)/, (m) => `延期日期须在 ${m[1]} 之后、不晚于 ${m[2]}（最多延期 3 个月）。请改选延期日期。`],
  [/the card is already withdrawn/, '这张牌已撤回，不能再更改。'],
  [/only an open card or a red card can be withdrawn; this card is (\w+)/, (m) => `这张牌已是“${CARD_STATE[m[1]] || m[1]}”，不能撤回；只有未整改的牌或红牌可以撤回。`],
  [/reason: say why the card was issued by mistake/, '请填写撤回原因（为什么是误发）。'],
  [/a card is withdrawn with its reason/, '撤回挂牌请使用“撤回(误发)”并填写原因。'],
  [/the card is already (\w+); its history is kept/, (m) => `这张牌已是“${CARD_STATE[m[1]] || m[1]}”，不能再更改；原记录会保留，如有需要请重新挂牌。`],
  [/a red card records a closure by law; it cannot be rectified/, '红牌记录的是依法关停，不能记为已整改。'],
  [/an environmental failure goes on the excess-emission/, '环保不达标不挂黄牌：请选择“超标排放”或“严重超标排放”类别。'],
  [/review_on: a safety yellow card/, '安全类黄牌须立即停产停业整顿：请填写复查日期。'],
  [/review_on: '([^']*)'/, '复查日期须在发牌日期当天或之后；只有安全类黄牌填写复查日期。'],
  [/department: the issuing department is required/, '请填写发牌部门。'],
  [/only (\S+), who recorded the rectification, or an admin can undo it/, (m) => `只有记录“已整改”的 ${m[1]} 或管理员可以撤销这条记录。如确需撤销，请联系他或管理员。`],
  // Departments (issue 14 item 7).
  [/cards of the (\w+) standard are the (\w+) department's; .* is of the (\w+) department/,
    (m) => `${STANDARD[m[1]] || m[1]}类的牌由${DEPARTMENT[m[2]] || m[2]}负责办理；您的账号属于${DEPARTMENT[m[3]] || m[3]}，不能挂牌、延期、撤回或更改状态。请交由负责部门办理，或请管理员调整您的部门。`],
  [/only the (\w+) department, which recorded the rectification \((.*)\), or an admin can undo it/,
    (m) => `“已整改”由${DEPARTMENT[m[1]] || m[1]}（${m[2]}）记录，只有该部门或管理员可以撤销。请联系该部门或管理员。`],
  [/is outside the regions of this town or zone office account/, '这条记录不在本镇（区）办公室的属地范围内，不能查看或办理。如需办理，请联系市级部门或管理员。'],
  [/request\.department: only office accounts carry a department/, '只有办公室账号设部门；核查人员和管理员账号不设部门。'],
  [/request\.department: a town or zone office account needs the regions/, '镇（区）办公室账号须至少选择一个属地（它只能查看和审核这些属地）。'],
  [/there is no card with id/, '找不到这张牌（可能已被删除或地址有误）。请刷新页面后再试。'],
  // Tasks.
  [/a task needs at least one inspector/, '请至少选择一名核查人员。'],
  [/there is no user named '([^']*)'/, (m) => `没有名为“${m[1]}”的账号。请刷新页面后重新选择核查人员。`],
  [/the enterprise is outside (.+)'s scope/, (m) => `该企业不在 ${m[1]} 的核查范围内。请先在“账号与设备”中为其增加属地，或选择负责该属地的人员。`],
  [/there is no task with id/, '找不到这项任务（可能已被撤销）。请刷新页面。'],
  [/there is no enterprise with id/, '找不到这家企业（可能地址有误或计划已重新导入）。请从“企业档案”列表重新进入。'],
  [/the office holds no inspection|has received no final inspection/, '找不到这份核查记录。请刷新页面。'],
  // An enterprise outside the plan.
  [/^request\.credit_code: The check character \(position 18\) is '(.)', expected '(.)'/,
    (m) => `统一社会信用代码有误：第 18 位校验码是“${m[1]}”，按前 17 位应为“${m[2]}”。请向企业核实后改正。`],
  [/^request\.credit_code: The organization code check character \(position 17\) is '(.)', expected '(.)'/,
    (m) => `统一社会信用代码有误：第 17 位（组织机构代码校验码）是“${m[1]}”，应为“${m[2]}”。请向企业核实后改正。`],
  [/^request\.credit_code: (\S+) is already the enterprise '([^']*)'/, (m) => `统一社会信用代码 ${m[1]} 已是“${m[2]}”的代码，企业已在档案中。`],
  [/^request\.credit_code: /, '统一社会信用代码格式不对：应为 18 位数字和大写字母。请核对后改正。'],
  [/^request\.region: there is no region named '([^']*)'/, (m) => `没有名为“${m[1]}”的属地。请先导入计划，或从列表中选择属地。`],
  [/^request\.location/, '经纬度有误：纬度 -90 至 90，经度 -180 至 180，须同时填写。'],
  // Fields of a request, in general.
  [/^request\.(\w+): cannot be after today \((\S+)\)/, (m) => `“${field(m[1])}”不能晚于今天（${m[2]}）：请填写实际发生的日期。`],
  [/^request\.(\w+): cannot be before today \((\S+)\)/, (m) => `“${field(m[1])}”不能早于今天（${m[2]}）：请选择今天或以后的日期。`],
  [/^request\.(\w+): must be a date like 2017-10-31/, (m) => `“${field(m[1])}”不是有效日期：请按 2017-10-31 的格式选择日期。`],
  [/^request\.(\w+): missing/, (m) => `请填写“${field(m[1])}”。`],
  [/^request\.(\w+): must not be empty/, (m) => `请填写“${field(m[1])}”。`],
  [/^request\.(\w+): at most (\d+) characters, got (\d+)/, (m) => `“${field(m[1])}”最多 ${m[2]} 个字，现在 ${m[3]} 个。请精简后再提交。`],
  [/^request\.(\w+)/, (m) => `“${field(m[1])}”填写有误。请检查后重试。`],
  [/is not a date/, '日期格式不对：请按 2017-10-31 的格式选择日期。'],
];

/// Each error code's sentence when the message is not one the page knows.
const CODES = {
  bad_request: '提交的内容有误。请检查填写的各项后重试。',
  not_found: '找不到要找的记录（可能已被删除或地址有误）。请返回列表刷新后再试。',
  rejected: '办公室的规则不允许这项操作。请检查所选内容后重试。',
  conflict: '与已有的记录重复。请换一个名称或刷新页面查看。',
  too_large: '文件或内容太大。请拆分后再提交。',
  request_in_progress: '同样的操作正在进行，请稍候查看结果。',
  idempotency_key_reused: '页面状态已过期。请刷新页面后再操作。',
  bad_rows: '计划表有错误的行，未导入任何数据。请修改后重新导入，或勾选“跳过有错误的行”。',
  bad_image: '这张照片无法解码（文件可能已损坏）。',
  image_too_large: '这张照片太大，无法生成缩略图。',
  wrong_department: '这项操作由其他部门负责，您的账号不能办理。请交由负责部门，或请管理员调整您的部门。',
  outside_region: '这条记录不在您的属地范围内，不能查看或办理。',
  internal: '服务器处理出错。请稍后再试；如果仍然出错，请联系管理员查看服务器日志。',
};

/// A server sentence in Chinese; `code` gives the fallback. Never English, never the code.
export function chinese(message, code) {
  const text = (message || '').replace(/^line \d+: /, ''); // the line is said in Chinese
  for (const [pattern, zh] of SENTENCES) {
    const m = text.match(pattern);
    if (m) return typeof zh === 'function' ? zh(m) : zh;
  }
  return CODES[code] || '操作未成功。请刷新页面后重试；如果仍然出错，请联系管理员。';
}

/// A plan sheet's bad line in Chinese (errors[] of POST /plan: {line, reason, text}).
export function lineProblem(e) {
  return `第 ${e.line} 行：${chinese(e.reason, 'bad_request')}`;
}

/// Why the office refused a pushed item (push_audit.code), as a sentence with what to do next.
const REFUSED = {
  out_of_scope: '这家企业不在该核查人员的核查范围内，记录未被接收。如确属其负责，请在“账号与设备”中为其增加属地，平板下次同步时会重新推送。',
  not_owner: '这条记录属于其他核查人员，不能由此账号推送。请使用记录所属人员的平板。',
  conflict: '同一版本的记录内容与办公室已收到的不同，未被接收。请让核查人员在平板上修改后再次同步（会生成新版本）。',
  final_immutable: '这份核查已定稿，不能再修改；如需更正，请在平板上新建一份更正记录。',
  evidence_incomplete: '定稿所需的证据不全（照片、签名或必填项），未被接收。请让核查人员在平板上补齐后再同步。',
  missing_blob: '记录引用的照片或签名文件尚未上传。平板下次同步时会先上传文件再推送记录。',
  invalid_data: '记录的数据格式不正确，未被接收。请让核查人员更新平板应用后再同步。',
  id_mismatch: '记录编号与内容不一致，未被接收。请让核查人员更新平板应用后再同步。',
  unsupported_type: '办公室不接收这种记录类型。请让核查人员更新平板应用。',
};

/// The 说明 of a refused push in Chinese (the tablet's English reason stays in the title).
export function refusalText(code) {
  return REFUSED[code] || '办公室未接收这条记录。请让核查人员更新平板应用后再同步；如仍被拒收，请联系管理员。';
}

// On-site finds and tip-offs (issue 14 items 2 and 3): their fields and sentences.
Object.assign(FIELD, {
  received_on: '收到日期', channel: '渠道', content: '举报内容', reporter_contact: '举报人联系方式',
  outcome: '核查结果', inspection_id: '核查记录', check_id: '现场发现', dismantle_deadline: '拆除期限',
  plan_year: '计划年度', count: '数量', action: '淘汰方式',
});
SENTENCES.unshift(
  [/^request\.check_id: the find was (\w+) already by (\S*)/, (m) => `这项现场发现已由 ${m[2]} ${m[1] === 'confirmed' ? '纳入计划' : '排除'}。请刷新页面。`],
  [/^request\.inspection_id: the inspection was returned/, '这份核查已被退回：请等核查人员提交更正后的核查，再处理其中的现场发现。'],
  [/^request\.dismantle_deadline: a seal-then-dismantle item needs/, '“封存后拆除”的设备须填写拆除期限。'],
  [/^request\.reason: say why the find is dismissed/, '请填写排除原因。'],
  [/^request\.channel: must be/, '请选择举报渠道：电话、信件、网络或媒体。'],
  [/^request\.enterprise_id: name an enterprise the office holds/, '请选择企业，或选择“新企业”并填写企业信息。'],
  [/^request\.enterprise\.credit_code: (\S+) is already the enterprise '([^']*)'/, (m) => `统一社会信用代码 ${m[1]} 已是“${m[2]}”的代码：请在企业列表中直接选择这家企业。`],
  [/^request\.enterprise\.credit_code: /, '新企业的统一社会信用代码格式不对：应为 18 位数字和大写字母。请核对后改正。'],
  [/^request\.enterprise\.region: there is no region named '([^']*)'/, (m) => `没有名为“${m[1]}”的属地。请从列表中选择属地。`],
  [/^request\.enterprise\.(\w+)/, (m) => `新企业的“${field(m[1])}”填写有误。请检查后重试。`],
  [/the tip-off has a task already/, '这条举报已派出核查任务。请刷新页面。'],
  [/the tip-off was closed on (\S+)/, (m) => `这条举报已于 ${m[1]} 办结。请刷新页面。`],
  [/^request\.inspection_id: the visit \((\S+)\) came before the tip-off was received \((\S+)\)/, (m) => `这次核查（${m[1]}）早于收到举报的日期（${m[2]}），不能用来办结。`],
  [/^request\.inspection_id: the office holds no final visit/, '找不到这家企业的这份定稿核查。请刷新页面。'],
);
