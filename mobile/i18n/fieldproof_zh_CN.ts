<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CameraPage</name>
    <message>
        <source>Photo: %1</source>
        <translation>拍照：%1</translation>
    </message>
    <message>
        <source>The camera does not work (%1). Import the photo from a file instead.</source>
        <translation>相机无法使用（%1）。请改为从文件导入照片。</translation>
    </message>
    <message>
        <source>Import from file</source>
        <translation>从文件导入</translation>
    </message>
    <message>
        <source>Shoot</source>
        <translation>拍照</translation>
    </message>
</context>
<context>
    <name>CardList</name>
    <message>
        <source>Cards (%1)</source>
        <translation>黄牌/红牌（%1）</translation>
    </message>
    <message>
        <source>%1, issued %2, rectify by %3%4</source>
        <translation>%1，%2 下发，整改期限 %3%4</translation>
    </message>
    <message>
        <source> (extended)</source>
        <translation>（已延期）</translation>
    </message>
    <message>
        <source>%1, issued %2</source>
        <translation>%1，%2 下发</translation>
    </message>
</context>
<context>
    <name>CheckCard</name>
    <message>
        <source>Notes on this item</source>
        <translation>本设备备注</translation>
    </message>
    <message>
        <source>Remove this item</source>
        <translation>删除此项</translation>
    </message>
</context>
<context>
    <name>CheckRow</name>
    <message>
        <source>Capacity %1 %2</source>
        <translation>产能 %1 %2</translation>
    </message>
    <message>
        <source>Planned item no longer on this tablet</source>
        <translation>清单设备已不在本机</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1（期限 %2）</translation>
    </message>
    <message>
        <source>Found on site, not in the plan</source>
        <translation>现场发现，不在淘汰清单内</translation>
    </message>
    <message>
        <source>Plan: %1</source>
        <translation>淘汰方式：%1</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>EnterpriseDetails</name>
    <message>
        <source>Enterprise</source>
        <translation>企业信息</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>属地</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>%1 visit, due %2</source>
        <translation>%1，期限 %2</translation>
    </message>
</context>
<context>
    <name>EnterpriseDirectoryPage</name>
    <message>
        <source>All enterprises</source>
        <translation>全部企业</translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>显示 %1 / 共 %2 家</translation>
    </message>
    <message>
        <source>Search name or credit code</source>
        <translation>搜索企业名称或信用代码</translation>
    </message>
    <message>
        <source>No enterprises on this tablet yet. Sync to bring down your area&apos;s plan.</source>
        <translation>本机还没有企业数据。请同步以下载本辖区的淘汰计划。</translation>
    </message>
    <message>
        <source>No enterprise matches this search.</source>
        <translation>没有符合搜索条件的企业。</translation>
    </message>
    <message>
        <source>Has a task</source>
        <translation>有任务</translation>
    </message>
    <message>
        <source>No task</source>
        <translation>无任务</translation>
    </message>
</context>
<context>
    <name>EnterprisePage</name>
    <message>
        <source>Credit code %1</source>
        <translation>统一社会信用代码 %1</translation>
    </message>
    <message>
        <source>Start or continue</source>
        <translation>开始或继续核查</translation>
    </message>
    <message>
        <source>Continue the draft visit</source>
        <translation>继续未完成的核查（草稿）</translation>
    </message>
    <message>
        <source>Start the %1 visit</source>
        <translation>开始%1</translation>
    </message>
    <message>
        <source>Ad-hoc visit (after a tip-off, no task):</source>
        <translation>临时核查（接举报等，无任务）：</translation>
    </message>
    <message>
        <source>Returned by the office: %1</source>
        <translation>办公室退回：%1</translation>
    </message>
    <message>
        <source>Correct the returned visit</source>
        <translation>更正退回的核查</translation>
    </message>
</context>
<context>
    <name>EquipmentList</name>
    <message>
        <source>Planned equipment (%1)</source>
        <translation>淘汰清单设备（%1）</translation>
    </message>
    <message>
        <source>No planned equipment on this tablet.</source>
        <translation>本机没有该企业的清单设备。</translation>
    </message>
    <message>
        <source>Latest finding recorded %1</source>
        <translation>最近核查结论记录于 %1</translation>
    </message>
</context>
<context>
    <name>EvidencePhotos</name>
    <message>
        <source> (required)</source>
        <translation>（必需）</translation>
    </message>
    <message>
        <source>Choose a finding first, then add its photos.</source>
        <translation>请先选择核查结论，再添加照片。</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Dismantled</source>
        <translation>已拆除</translation>
    </message>
    <message>
        <source>Sealed</source>
        <translation>已封存</translation>
    </message>
    <message>
        <source>Still operating</source>
        <translation>仍在生产</translation>
    </message>
    <message>
        <source>Idle, not sealed</source>
        <translation>停产未封存</translation>
    </message>
    <message>
        <source>Whereabouts unknown</source>
        <translation>去向不明</translation>
    </message>
    <message>
        <source>Does not match the list</source>
        <translation>与清单不符</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>全景</translation>
    </message>
    <message>
        <source>Nameplate</source>
        <translation>铭牌</translation>
    </message>
    <message>
        <source>Seal</source>
        <translation>封条</translation>
    </message>
    <message>
        <source>Power cut</source>
        <translation>断电</translation>
    </message>
    <message>
        <source>Water cut</source>
        <translation>断水</translation>
    </message>
    <message>
        <source>Dismantled site</source>
        <translation>拆除现场</translation>
    </message>
    <message>
        <source>Commitment letter</source>
        <translation>承诺书</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Survey</source>
        <translation>摸底排查</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>退出核查</translation>
    </message>
    <message>
        <source>Acceptance</source>
        <translation>检查验收</translation>
    </message>
    <message>
        <source>Re-check</source>
        <translation>复查</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>不通过</translation>
    </message>
    <message>
        <source>Pass with conditions</source>
        <translation>有条件通过</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>核查人员</translation>
    </message>
    <message>
        <source>Enterprise representative</source>
        <translation>企业代表</translation>
    </message>
    <message>
        <source>Yellow card</source>
        <translation>黄牌</translation>
    </message>
    <message>
        <source>Red card</source>
        <translation>红牌</translation>
    </message>
    <message>
        <source>Excess emission</source>
        <translation>超标排放</translation>
    </message>
    <message>
        <source>Severe excess emission</source>
        <translation>严重超标排放</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>能耗</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>环保</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>Safety</source>
        <translation>安全</translation>
    </message>
    <message>
        <source>Technology</source>
        <translation>技术</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未整改</translation>
    </message>
    <message>
        <source>Rectified</source>
        <translation>已整改</translation>
    </message>
    <message>
        <source>Closed by law</source>
        <translation>依法关停</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已撤回(误发)</translation>
    </message>
    <message>
        <source>Dismantle</source>
        <translation>拆除</translation>
    </message>
    <message>
        <source>Seal, then dismantle</source>
        <translation>先封存后拆除</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>镇</translation>
    </message>
    <message>
        <source>Management area</source>
        <translation>管理区</translation>
    </message>
    <message>
        <source>Development zone</source>
        <translation>开发园区</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>FieldProof</source>
        <translation>FieldProof 现场核查</translation>
    </message>
</context>
<context>
    <name>OpinionPage</name>
    <message>
        <source>Acceptance opinion</source>
        <translation>验收意见</translation>
    </message>
    <message>
        <source>Verdict and opinion</source>
        <translation>验收结论与意见</translation>
    </message>
    <message>
        <source>Follow-up deadline (year-month-day, empty for none)</source>
        <translation>整改/复查期限（年-月-日，无则留空）</translation>
    </message>
    <message>
        <source>+%1 mo.</source>
        <translation>+%1个月</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>Needed: at least one inspector and the enterprise representative.</source>
        <translation>需要：至少一名核查人员签名，以及企业代表签名。</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Inspector signs</source>
        <translation>核查人员签名</translation>
    </message>
    <message>
        <source>Representative signs</source>
        <translation>企业代表签名</translation>
    </message>
    <message>
        <source>e.g. all planned equipment has been dismantled on site</source>
        <translation>例如：经现场核查，清单内设备已全部拆除</translation>
    </message>
    <message>
        <source>The opinion has been signed</source>
        <translation>意见已签字</translation>
    </message>
    <message>
        <source>Changing the verdict, the opinion text or the deadline clears all signatures; the inspectors and the enterprise representative must sign the changed opinion again.</source>
        <translation>修改结论、意见内容或整改期限将清除全部签名；核查人员和企业代表须对修改后的意见重新签字。</translation>
    </message>
    <message>
        <source>Clear signatures and change</source>
        <translation>清除签名并修改</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Delete this signature?</source>
        <translation>删除这个签名？</translation>
    </message>
    <message>
        <source>The signature of %1 %2 is removed; the opinion needs it signed again.</source>
        <translation>将删除%1“%2”的签名；意见需要重新签名。</translation>
    </message>
</context>
<context>
    <name>PageHeader</name>
    <message>
        <source>‹ Back</source>
        <translation>‹ 返回</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>PhotoImportPage</name>
    <message>
        <source>Choose a photo: %1</source>
        <translation>选择照片：%1</translation>
    </message>
    <message>
        <source>Up one folder</source>
        <translation>上一级文件夹</translation>
    </message>
    <message>
        <source>No photos in this folder.</source>
        <translation>此文件夹中没有照片。</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
</context>
<context>
    <name>PhotoPipeline</name>
    <message>
        <source>This file is not a photo the app can read (%1).</source>
        <translation>该文件不是可读取的照片（%1）。</translation>
    </message>
    <message>
        <source>The photo&apos;s size cannot be read; it may be damaged.</source>
        <translation>无法读取照片尺寸，文件可能已损坏。</translation>
    </message>
    <message>
        <source>The photo could not be decoded (%1).</source>
        <translation>照片无法解码（%1）。</translation>
    </message>
    <message>
        <source>The photo could not be saved (%1).</source>
        <translation>照片无法保存（%1）。</translation>
    </message>
</context>
<context>
    <name>PhotoViewerPage</name>
    <message>
        <source>Delete this photo</source>
        <translation>删除这张照片</translation>
    </message>
    <message>
        <source>Delete this photo?</source>
        <translation>删除这张照片？</translation>
    </message>
    <message>
        <source>The photo is removed from the visit and from this tablet.</source>
        <translation>照片将从本次核查和本平板中删除。</translation>
    </message>
</context>
<context>
    <name>Problem</name>
    <message>
        <source>%1 — %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Record a finding for at least one equipment item.</source>
        <translation>请至少为一台设备填写核查结论。</translation>
    </message>
    <message>
        <source>Sealed: take a photo of the seal.</source>
        <translation>已封存：请拍摄封条照片。</translation>
    </message>
    <message>
        <source>Sealed: take a photo showing the power is cut.</source>
        <translation>已封存：请拍摄断电照片。</translation>
    </message>
    <message>
        <source>Sealed: enter at least one seal number.</source>
        <translation>已封存：请至少填写一个封条编号。</translation>
    </message>
    <message>
        <source>Dismantled: take a photo of the dismantled site.</source>
        <translation>已拆除：请拍摄拆除现场照片。</translation>
    </message>
    <message>
        <source>Write the acceptance opinion.</source>
        <translation>请填写验收意见。</translation>
    </message>
    <message>
        <source>The acceptance opinion needs an inspector&apos;s signature.</source>
        <translation>验收意见需要核查人员签名。</translation>
    </message>
    <message>
        <source>The acceptance opinion needs the enterprise representative&apos;s signature.</source>
        <translation>验收意见需要企业代表签名。</translation>
    </message>
    <message>
        <source>A photo file is missing on this tablet: delete that photo and take it again.</source>
        <translation>本机缺少一张照片的文件：请删除该照片后重新拍摄。</translation>
    </message>
    <message>
        <source>Data problem (%1): %2. Do not delete anything; tell the office.</source>
        <translation>数据问题（%1）：%2。请不要删除任何内容，并联系办公室。</translation>
    </message>
    <message>
        <source>Acceptance: record what was found for this planned item.</source>
        <translation>验收：请记录该计划设备的核查结果。</translation>
    </message>
    <message>
        <source>Sealed: confirm the water supply is cut.</source>
        <translation>封存：请确认已断水。</translation>
    </message>
    <message>
        <source>Sealed: confirm the power supply is cut.</source>
        <translation>封存：请确认已断电。</translation>
    </message>
    <message>
        <source>Sealed: confirm the power units are removed.</source>
        <translation>封存：请确认已拆除动力装置。</translation>
    </message>
    <message>
        <source>Sealed: confirm the main equipment is sealed.</source>
        <translation>封存：请确认已封存主体设备。</translation>
    </message>
    <message>
        <source>Sealing needs the enterprise&apos;s public commitment: photograph the signed commitment letter.</source>
        <translation>封存须有企业向社会公开承诺：请拍摄企业签字的承诺书。</translation>
    </message>
    <message>
        <source>A &quot;pass&quot; verdict needs this item dismantled with a photo of the site: record the finding, or choose &quot;conditional&quot; or &quot;fail&quot;.</source>
        <translation>验收结论为“通过”时，该设备须已拆除并有拆除现场照片：请记录核查结果，或改选“有条件通过”或“不通过”。</translation>
    </message>
    <message>
        <source>A &quot;conditional&quot; verdict allows only items that may be sealed, properly sealed and within their dismantling deadline: this item must be dismantled, or choose &quot;fail&quot;.</source>
        <translation>“有条件通过”只允许可先封存的设备已按要求封存且未超过拆除期限：该设备须拆除，或改选“不通过”。</translation>
    </message>
</context>
<context>
    <name>QGnomeTheme</name>
    <message>
        <source>&amp;OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Close without Saving</source>
        <translation>不保存并关闭</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>全部保存</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>全部是</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>全部否</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>中止</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>恢复默认值</translation>
    </message>
</context>
<context>
    <name>SealChecklist</name>
    <message>
        <source>Water cut</source>
        <translation>断水</translation>
    </message>
    <message>
        <source>Power cut</source>
        <translation>断电</translation>
    </message>
    <message>
        <source>Power units removed</source>
        <translation>拆除动力装置</translation>
    </message>
    <message>
        <source>Main equipment sealed</source>
        <translation>封存主体设备</translation>
    </message>
</context>
<context>
    <name>SealNumbers</name>
    <message>
        <source>Seal numbers</source>
        <translation>封条编号</translation>
    </message>
    <message>
        <source>Seal number, e.g. HC-2017-0815</source>
        <translation>封条编号，例如 HC-2017-0815</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove seal number %1?</source>
        <translation>删除封条编号 %1？</translation>
    </message>
    <message>
        <source>The number is removed from this item&apos;s record.</source>
        <translation>该编号将从本设备的记录中删除。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Office server</source>
        <translation>办公室服务器</translation>
    </message>
    <message>
        <source>Signed in as %1 at %2</source>
        <translation>已登录：%1（%2）</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <source>Sign in again (other server or account)</source>
        <translation>重新登录（更换服务器或账号）</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Photo size</source>
        <translation>照片尺寸</translation>
    </message>
    <message>
        <source>Longest edge of stored photos. Smaller photos sync faster over a weak signal.</source>
        <translation>保存照片的长边像素。照片越小，信号弱时同步越快。</translation>
    </message>
    <message>
        <source>%1 px</source>
        <translation>%1 像素</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Device id</source>
        <translation>设备编号</translation>
    </message>
    <message>
        <source>(not enrolled)</source>
        <translation>（未登记）</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>核查人员</translation>
    </message>
    <message>
        <source>Your real name goes on new visits, photo watermarks and the acceptance opinion, instead of the login name.</source>
        <translation>新的核查、照片水印和验收意见使用您的真实姓名，而不是登录名。</translation>
    </message>
    <message>
        <source>Real name, e.g. 张伟</source>
        <translation>真实姓名，例如 张伟</translation>
    </message>
    <message>
        <source>Department, e.g. 海城市经信局</source>
        <translation>所在单位，例如 海城市经信局</translation>
    </message>
    <message numerus="yes">
        <source>Sync by itself: when the network comes back, and every %n minute(s) while visits wait to be sent</source>
        <translation>
            <numerusform>自动同步：网络恢复时，以及有待发送的核查时每 %n 分钟一次</numerusform>
        </translation>
    </message>
    <message>
        <source>Certificate: trusted through the office&apos;s own CA certificate (%1). To change it, sign in again with the new one.</source>
        <translation>证书：通过办公室自己的 CA 证书（%1）验证。要更换，请用新证书重新登录。</translation>
    </message>
    <message>
        <source>Certificate: checked against the tablet&apos;s trusted authorities. An office with its own CA certificate: sign in again and add it.</source>
        <translation>证书：按平板信任的证书机构验证。办公室使用自己的 CA 证书时，请重新登录并添加该证书。</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>存储空间</translation>
    </message>
    <message>
        <source>Free backed-up photos</source>
        <translation>释放已备份的照片</translation>
    </message>
    <message>
        <source>Now on mobile data (metered). </source>
        <translation>当前使用移动数据（按流量计费）。</translation>
    </message>
    <message>
        <source>On mobile data or roaming, send only the records; photos wait for Wi-Fi</source>
        <translation>移动数据时只发送记录：使用移动数据或漫游时只发送核查记录，照片等连上 Wi‑Fi 再发送</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>FieldProof on-site verification</source>
        <translation>FieldProof 落后产能现场核查</translation>
    </message>
    <message>
        <source>Sign this tablet in with the office server once. This needs a network connection; afterwards the app works without one.</source>
        <translation>首次使用需用办公室服务器账号登录本平板（需要联网）；之后无网络也可正常使用。</translation>
    </message>
    <message>
        <source>Office server address</source>
        <translation>办公室服务器地址</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Office CA certificate (only if the office has its own)</source>
        <translation>办公室 CA 证书（仅当办公室使用自己的证书时填写）</translation>
    </message>
    <message>
        <source>Paste the text of the office&apos;s QR code, or type the path of its CA file (e.g. /sdcard/Download/office-ca.pem)</source>
        <translation>粘贴办公室二维码中的文字，或填写办公室 CA 证书文件的路径</translation>
    </message>
</context>
<context>
    <name>SignatureDialog</name>
    <message>
        <source>Inspector&apos;s signature</source>
        <translation>核查人员签名</translation>
    </message>
    <message>
        <source>Representative&apos;s signature</source>
        <translation>企业代表签名</translation>
    </message>
    <message>
        <source>Name of the signer</source>
        <translation>签名人姓名</translation>
    </message>
    <message>
        <source>Sign here</source>
        <translation>请在此处签名</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Save signature</source>
        <translation>保存签名</translation>
    </message>
</context>
<context>
    <name>StoreError</name>
    <message>
        <source>This visit is final and cannot be changed. Use &quot;Correct&quot; to start a correcting visit.</source>
        <translation>此次核查已完成，不能再修改。如需修改，请点击“更正”开始一次更正核查。</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>The tablet&apos;s database refused the change (%1). Restart the app; if it happens again, tell the office.</source>
        <translation>平板数据库拒绝了此次修改（%1）。请重启应用；如再次出现，请联系办公室。</translation>
    </message>
    <message>
        <source>The tablet&apos;s storage is full: this was not saved, and the visit stays as it was. Free space (delete photos and videos you no longer need from the gallery, or sync and then free backed-up photos in Settings) and try again.</source>
        <translation>平板存储空间已满：本次内容未保存，核查记录保持原样。请清理空间（在相册中删除不需要的照片和视频，或同步后在“设置”中释放已备份的照片），然后重试。</translation>
    </message>
</context>
<context>
    <name>SyncBadge</name>
    <message>
        <source>Syncing…</source>
        <translation>同步中…</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Office unreachable</source>
        <translation>无法连接办公室</translation>
    </message>
</context>
<context>
    <name>SyncMessages</name>
    <message>
        <source>Cannot reach the office server. Check the address and that the tablet has signal or Wi-Fi, then try again.</source>
        <translation>无法连接办公室服务器。请检查服务器地址，并确认平板有信号或 Wi-Fi，然后重试。</translation>
    </message>
    <message>
        <source>Cannot reach the office server. Nothing is lost: your visits stay on this tablet. Sync again where there is signal or Wi-Fi.</source>
        <translation>无法连接办公室服务器。数据不会丢失：核查记录仍保存在本机。请到有信号或 Wi-Fi 的地方再次同步。</translation>
    </message>
    <message>
        <source>Wrong username or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>The office no longer accepts this tablet (it was revoked or its key is invalid). Sign in again in Settings; your visits stay on this tablet.</source>
        <translation>办公室已不再接受本平板（设备已被注销或密钥无效）。请在“设置”中重新登录；核查记录仍保存在本机。</translation>
    </message>
    <message>
        <source>The office refused: this account may not send this data. Ask the office to check which regions are assigned to you.</source>
        <translation>办公室拒绝了请求：此账号无权发送这些数据。请联系办公室核对分配给您的属地。</translation>
    </message>
    <message>
        <source>The office server reported a problem: %1. Try again later; if it keeps happening, call the office.</source>
        <translation>办公室服务器报告问题：%1。请稍后重试；如持续出现，请致电办公室。</translation>
    </message>
    <message>
        <source>Sync cancelled. What was sent stays sent; the rest goes next time.</source>
        <translation>同步已取消。已发送的数据不受影响，其余数据将在下次同步时发送。</translation>
    </message>
    <message>
        <source>This tablet is not signed in to an office server yet. Sign in first.</source>
        <translation>本平板尚未登录办公室服务器，请先登录。</translation>
    </message>
    <message>
        <source>Sync failed: %1. Try again; if it keeps happening, call the office.</source>
        <translation>同步失败：%1。请重试；如持续出现，请致电办公室。</translation>
    </message>
    <message numerus="yes">
        <source>%n visit(s) were not accepted by the office and stay on this tablet. Open them from the task list to see why, or call the office.</source>
        <translation>
            <numerusform>有 %n 条核查记录未被办公室接收，仍保存在本机。请在任务列表中打开查看原因，或致电办公室。</numerusform>
        </translation>
    </message>
    <message>
        <source>Sent %1 and %2</source>
        <comment>photos, visits</comment>
        <translation>已上传 %1、%2</translation>
    </message>
    <message>
        <source>1 photo</source>
        <translation>1 张照片</translation>
    </message>
    <message>
        <source>%1 photos</source>
        <translation>%1 张照片</translation>
    </message>
    <message>
        <source>1 visit</source>
        <translation>1 份核查</translation>
    </message>
    <message>
        <source>%1 visits</source>
        <translation>%1 份核查</translation>
    </message>
    <message>
        <source>%1; some did not arrive.</source>
        <translation>%1，部分未送达。</translation>
    </message>
    <message>
        <source>%1, all delivered.</source>
        <translation>%1，全部送达。</translation>
    </message>
    <message>
        <source>Received %1.</source>
        <translation>收到 %1。</translation>
    </message>
    <message>
        <source>1 update of tasks and lists</source>
        <translation>1 条任务和清单更新</translation>
    </message>
    <message>
        <source>%1 updates of tasks and lists</source>
        <translation>%1 条任务和清单更新</translation>
    </message>
    <message>
        <source>Up to date: nothing to send and nothing new.</source>
        <translation>已是最新：没有要发送的记录，也没有新的任务和清单。</translation>
    </message>
    <message>
        <source>Too many wrong passwords for this account. Wait a few minutes and try again, or ask the office administrator to unlock the account.</source>
        <translation>密码错误次数过多，该账号暂时不能登录。请等几分钟再试，或请办公室管理员解锁该账号。</translation>
    </message>
    <message>
        <source>Sync stopped: the office&apos;s record of evidence no longer matches what this tablet saw before, so it may have been changed. Nothing was sent and your visits stay on this tablet. Call the office administrator and do not sign in again until they have checked it.</source>
        <translation>同步已停止：办公室的证据记录与本平板之前看到的不一致，可能已被改动。没有发送任何内容，您的核查记录仍保存在本平板上。请联系办公室管理员，在其核实之前不要重新登录。</translation>
    </message>
    <message>
        <source>This tablet does not trust the office server&apos;s certificate. If your office uses its own certificate authority, add its CA certificate (the file, or the text of the office&apos;s QR code) and sign in again.</source>
        <translation>平板不信任办公室服务器的证书。如果办公室使用自己的证书机构，请添加其 CA 证书（证书文件，或办公室二维码中的文字）后重新登录。</translation>
    </message>
    <message>
        <source>This tablet no longer trusts the office server&apos;s certificate (it does not match the office&apos;s CA certificate kept on this tablet). Nothing is lost. Ask the office for its current CA certificate and sign in again in Settings.</source>
        <translation>平板不再信任办公室服务器的证书（与平板上保存的办公室 CA 证书不符）。数据没有丢失。请向办公室索取当前的 CA 证书，并在“设置”中重新登录。</translation>
    </message>
    <message numerus="yes">
        <source>The office was restored from a backup; sending again the %n visit(s) it may have lost, with their photos…</source>
        <translation>
            <numerusform>办公室已从备份恢复，正在重新上传可能丢失的 %n 份核查及其照片…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>On mobile data only records were sent: %n visit(s) with photos wait for Wi-Fi (or switch off &quot;records only on mobile data&quot; in Settings).</source>
        <translation>
            <numerusform>使用移动数据时只发送了记录：%n 份带照片的核查等连上 Wi‑Fi 再发送（也可在设置中关闭“移动数据时只发送记录”）。</numerusform>
        </translation>
    </message>
    <message>
        <source>The tablet&apos;s storage is full, so the sync could not keep what it received. Nothing is lost: your visits stay on this tablet. Free space (delete photos and videos you no longer need from the gallery, or free backed-up photos in Settings) and sync again.</source>
        <translation>平板存储空间已满，同步收到的内容无法保存。数据没有丢失：您的核查仍保存在本平板上。请清理空间（在相册中删除不再需要的照片和视频，或在设置中释放已备份的照片）后再同步。</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sync with the office</source>
        <translation>与办公室同步</translation>
    </message>
    <message numerus="yes">
        <source>%n visit(s) wait to be sent</source>
        <translation>
            <numerusform>%n 条核查记录待发送</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing waits to be sent</source>
        <translation>没有待发送的数据</translation>
    </message>
    <message>
        <source>Last complete sync: %1</source>
        <translation>上次完整同步：%1</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Sign in first</source>
        <translation>请先登录</translation>
    </message>
    <message>
        <source>Mobile data: syncs send the records only; photos wait for Wi-Fi. To send them now, switch off &quot;records only on mobile data&quot; in Settings.</source>
        <translation>正在使用移动数据：同步只发送核查记录，照片等连上 Wi‑Fi 再发送。要现在就发送照片，请在设置中关闭“移动数据时只发送记录”。</translation>
    </message>
</context>
<context>
    <name>TaskCounts</name>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Waiting to sync</source>
        <translation>待同步</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>已同步</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>被退回</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已通过</translation>
    </message>
</context>
<context>
    <name>TaskDelegate</name>
    <message>
        <source>Returned: %1</source>
        <translation>被退回：%1</translation>
    </message>
</context>
<context>
    <name>TaskFilterBar</name>
    <message>
        <source>Search name or credit code</source>
        <translation>搜索企业名称或信用代码</translation>
    </message>
    <message>
        <source>All visit kinds</source>
        <translation>全部核查类型</translation>
    </message>
    <message>
        <source>Any due date</source>
        <translation>全部期限</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Due within a week</source>
        <translation>7天内到期</translation>
    </message>
    <message>
        <source>No grouping</source>
        <translation>不分组</translation>
    </message>
    <message>
        <source>By region</source>
        <translation>按属地分组</translation>
    </message>
    <message>
        <source>By industry</source>
        <translation>按行业分组</translation>
    </message>
    <message>
        <source>By visit kind</source>
        <translation>按核查类型分组</translation>
    </message>
    <message>
        <source>By state</source>
        <translation>按状态分组</translation>
    </message>
    <message>
        <source>By due date</source>
        <translation>按期限分组</translation>
    </message>
</context>
<context>
    <name>TaskListModel</name>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Due within a week</source>
        <translation>7天内到期</translation>
    </message>
    <message>
        <source>Later or done</source>
        <translation>以后到期或已完成</translation>
    </message>
</context>
<context>
    <name>TaskListPage</name>
    <message>
        <source>My tasks</source>
        <translation>我的任务</translation>
    </message>
    <message>
        <source>%1 · last sync %2</source>
        <translation>%1 · 上次同步 %2</translation>
    </message>
    <message>
        <source>Only mine</source>
        <translation>只看我的</translation>
    </message>
    <message>
        <source>No tasks on this tablet yet. Sync to receive your tasks.</source>
        <translation>本机还没有任务。请同步以接收任务。</translation>
    </message>
    <message>
        <source>No task matches the filters.</source>
        <translation>没有符合筛选条件的任务。</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>All enterprises</source>
        <translation>全部企业</translation>
    </message>
</context>
<context>
    <name>TaskState</name>
    <message>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Final, waiting to sync</source>
        <translation>已完成，待同步</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>已同步</translation>
    </message>
    <message>
        <source>Returned by the office</source>
        <translation>被办公室退回</translation>
    </message>
    <message>
        <source>Accepted by the office</source>
        <translation>办公室已通过</translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation>期限 %1</translation>
    </message>
    <message numerus="yes">
        <source>Overdue by %n day(s)</source>
        <translation>
            <numerusform>逾期 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>今天到期</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) left</source>
        <translation>
            <numerusform>还剩 %n 天</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UnlistedItemDialog</name>
    <message>
        <source>Equipment found on site, not in the plan</source>
        <translation>现场发现的清单外设备</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>设备名称</translation>
    </message>
    <message>
        <source>Spec / model</source>
        <translation>规格型号</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>产能</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>核查结论</translation>
    </message>
</context>
<context>
    <name>VisitHistory</name>
    <message>
        <source>Visits on this tablet (%1)</source>
        <translation>本机的核查记录（%1）</translation>
    </message>
    <message>
        <source>Correction: </source>
        <translation>更正：</translation>
    </message>
</context>
<context>
    <name>VisitPage</name>
    <message>
        <source>%1 visit · %2 · started %3</source>
        <translation>%1 · %2 · 开始于 %3</translation>
    </message>
    <message>
        <source>The visit is final. It goes to the office with the next sync.</source>
        <translation>核查已完成，将在下次同步时发送到办公室。</translation>
    </message>
    <message>
        <source>Record position now</source>
        <translation>记录当前位置</translation>
    </message>
    <message>
        <source>Returned by the office: %1</source>
        <translation>办公室退回：%1</translation>
    </message>
    <message>
        <source>This visit is final and read-only. A correction of it is in progress.</source>
        <translation>此次核查已完成（只读）。已有一次更正正在进行。</translation>
    </message>
    <message>
        <source>This visit is final and read-only. To change something, start a correction.</source>
        <translation>此次核查已完成（只读）。如需修改，请开始更正。</translation>
    </message>
    <message>
        <source>Open the correction</source>
        <translation>打开更正</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>Still missing before finalising (%1) · see the end of the list</source>
        <translation>完成核查前还缺少（%1项）· 见列表末尾</translation>
    </message>
    <message>
        <source>All evidence is there · finalise at the end of the list</source>
        <translation>证据齐全 · 在列表末尾完成核查</translation>
    </message>
</context>
<context>
    <name>VisitSummary</name>
    <message>
        <source>Still missing before finalising (%1)</source>
        <translation>完成核查前还缺少（%1项）</translation>
    </message>
    <message>
        <source>All evidence is there</source>
        <translation>证据齐全，可以完成核查</translation>
    </message>
    <message>
        <source>Finalise the visit</source>
        <translation>完成核查</translation>
    </message>
    <message>
        <source>Acceptance opinion and signatures</source>
        <translation>验收意见与签名</translation>
    </message>
    <message>
        <source>Record equipment not in the plan</source>
        <translation>记录清单外设备</translation>
    </message>
    <message>
        <source>People and place</source>
        <translation>人员与地点</translation>
    </message>
    <message>
        <source>Inspectors present (separate names with commas)</source>
        <translation>在场核查人员（多人用逗号分隔）</translation>
    </message>
    <message>
        <source>Enterprise representative</source>
        <translation>企业代表</translation>
    </message>
    <message>
        <source>Position of the visit</source>
        <translation>核查位置</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>What else the office should know</source>
        <translation>需要告知办公室的其他情况</translation>
    </message>
    <message>
        <source>Photos of the whole visit</source>
        <translation>整体照片（全景、承诺书等）</translation>
    </message>
    <message>
        <source>Finalise this visit?</source>
        <translation>确认完成此次核查？</translation>
    </message>
    <message>
        <source>After this the visit cannot be changed, only corrected by a new visit. It goes to the office with the next sync.</source>
        <translation>完成后不能再修改，只能通过新的更正核查来更正。数据将在下次同步时发送到办公室。</translation>
    </message>
</context>
<context>
    <name>Watermark</name>
    <message>
        <source>Position: %1</source>
        <translation>位置：%1</translation>
    </message>
    <message>
        <source>Enterprise: %1</source>
        <translation>企业：%1</translation>
    </message>
    <message>
        <source>Equipment: %1</source>
        <translation>设备：%1</translation>
    </message>
    <message>
        <source>Inspector: %1</source>
        <translation>核查人员：%1</translation>
    </message>
</context>
<context>
    <name>fp::CheckListModel</name>
    <message>
        <source>Enter at least the kind of equipment found.</source>
        <translation>请至少填写发现的设备名称。</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>未核查</translation>
    </message>
</context>
<context>
    <name>fp::EnterpriseController</name>
    <message>
        <source>This enterprise has no task on this tablet; start an ad-hoc visit.</source>
        <translation>本机没有该企业的任务，请开始临时核查。</translation>
    </message>
</context>
<context>
    <name>fp::EquipmentListModel</name>
    <message>
        <source>Not checked yet</source>
        <translation>未核查</translation>
    </message>
    <message>
        <source>Plan %1: %2</source>
        <translation>%1 年计划：%2</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1（期限 %2）</translation>
    </message>
    <message>
        <source>Capacity %1 %2</source>
        <translation>产能 %1 %2</translation>
    </message>
</context>
<context>
    <name>fp::OpinionController</name>
    <message>
        <source>Write the deadline as year-month-day, e.g. 2018-03-31.</source>
        <translation>期限请按“年-月-日”填写，例如 2018-03-31。</translation>
    </message>
    <message>
        <source>The signature is empty; sign in the box first.</source>
        <translation>签名为空，请先在框内签名。</translation>
    </message>
    <message>
        <source>Write the signer&apos;s name.</source>
        <translation>请填写签名人姓名。</translation>
    </message>
</context>
<context>
    <name>fp::PhotoCapture</name>
    <message>
        <source>The photo cannot be added: no visit is open.</source>
        <translation>无法添加照片：没有打开的核查。</translation>
    </message>
    <message>
        <source>No position</source>
        <translation>无定位</translation>
    </message>
    <message>
        <source>Imported %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <source>Imported, time unknown</source>
        <translation>导入，时间未知</translation>
    </message>
    <message>
        <source>This picture is already this item&apos;s %1 photo.</source>
        <translation>这张照片已是本设备的“%1”照片。</translation>
    </message>
    <message>
        <source>This picture is already this visit&apos;s %1 photo.</source>
        <translation>这张照片已是本次核查的“%1”照片。</translation>
    </message>
    <message>
        <source>This picture is already this item&apos;s %1 photo: one picture is one piece of evidence. Take or choose another picture as the %2 photo.</source>
        <translation>这张照片已是本设备的“%1”照片：一张照片只能作为一项证据。请另拍或另选一张照片作为“%2”照片。</translation>
    </message>
    <message>
        <source>This picture is already this visit&apos;s %1 photo: one picture is one piece of evidence. Take or choose another picture as the %2 photo.</source>
        <translation>这张照片已是本次核查的“%1”照片：一张照片只能作为一项证据。请另拍或另选一张照片作为“%2”照片。</translation>
    </message>
</context>
<context>
    <name>fp::PhotoListModel</name>
    <message>
        <source>Imported %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <source>Imported, time unknown</source>
        <translation>导入，时间未知</translation>
    </message>
</context>
<context>
    <name>fp::Positioning</name>
    <message>
        <source>No position</source>
        <translation>无定位</translation>
    </message>
    <message>
        <source>%1 %2 ±%3 m</source>
        <translation>%1 %2 ±%3 米</translation>
    </message>
    <message>
        <source>No position fix. Records are saved without a position; step outside or near a window to get one.</source>
        <translation>没有定位。记录会在无位置的情况下保存；请到室外或窗边获取定位。</translation>
    </message>
    <message>
        <source>The position source does not report its accuracy; check the position on the photo watermark.</source>
        <translation>定位来源未提供精度，请核对照片水印上的位置。</translation>
    </message>
    <message>
        <source>Position accuracy is %1 m (worse than 50 m). Records are saved anyway; wait a moment for a better fix if you can.</source>
        <translation>定位精度为 %1 米（超过 50 米）。记录仍会保存；如有可能，请稍候以获得更准确的定位。</translation>
    </message>
    <message>
        <source>%1 s ago</source>
        <translation>%1 秒前</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>%1 分钟前</translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation>%1 小时前</translation>
    </message>
    <message>
        <source>Position lost · %1</source>
        <translation>定位已失效 · %1</translation>
    </message>
    <message>
        <source>Position ±? · %1</source>
        <translation>定位 精度未知 · %1</translation>
    </message>
    <message>
        <source>Position ±%1 m · %2</source>
        <translation>定位 ±%1 米 · %2</translation>
    </message>
    <message>
        <source>No position (last fix %1)</source>
        <translation>无定位（最近一次定位在 %1）</translation>
    </message>
    <message>
        <source>%1 (fix %2)</source>
        <translation>%1（%2定位）</translation>
    </message>
    <message>
        <source>The last position fix was %1 and is too old to use: photos and findings are saved without a position until a new fix comes. Step outside or near a window, and check that location is switched on.</source>
        <translation>最近一次定位在 %1，已超过 2 分钟，不再使用：在获得新的定位之前，照片和核查结果将不带位置保存。请到室外或窗边，并确认已打开定位功能。</translation>
    </message>
    <message>
        <source>The last position fix was %1: it may no longer be where you are. It is used until it is two minutes old.</source>
        <translation>最近一次定位在 %1：可能已不是您现在的位置；在定位满 2 分钟之前仍会使用它。</translation>
    </message>
</context>
<context>
    <name>fp::StorageController</name>
    <message numerus="yes">
        <source>Database %1, photos and signatures %2 (%n file(s)); %3 in all</source>
        <translation>
            <numerusform>数据库 %1，照片和签名 %2（%n 个文件），共 %3</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing waits for the office&apos;s backup.</source>
        <translation>没有等待办公室备份的文件。</translation>
    </message>
    <message numerus="yes">
        <source>%1 in %n file(s) wait(s) until the office has accepted them and a verified backup of the office holds them; they stay on this tablet until then.</source>
        <translation>
            <numerusform>%n 个文件（%1）正在等待：办公室接收且经过校验的办公室备份保存之前，它们一直保留在本平板上。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 in %n file(s) are held by the office&apos;s verified backup and may be freed.</source>
        <translation>
            <numerusform>%n 个文件（%1）已由办公室经过校验的备份保存，可以释放。</numerusform>
        </translation>
    </message>
    <message>
        <source>No verified backup of the office holds this tablet&apos;s visits yet.</source>
        <translation>办公室尚无经过校验的备份包含本平板的核查。</translation>
    </message>
    <message numerus="yes">
        <source>The office&apos;s last verified backup (%1) holds this tablet&apos;s first %n final visit(s).</source>
        <translation>
            <numerusform>办公室最近一次经过校验的备份（%1）已保存本平板的前 %n 份已完成核查。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to free: no file is held by a verified backup yet.</source>
        <translation>没有可释放的文件：尚无文件被经过校验的备份保存。</translation>
    </message>
    <message numerus="yes">
        <source>Freed %1 (%n file(s)). The office keeps them.</source>
        <translation>
            <numerusform>已释放 %1（%n 个文件），办公室仍保存这些文件。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fp::SyncController</name>
    <message>
        <source>Never</source>
        <translation>尚无</translation>
    </message>
    <message numerus="yes">
        <source>Receiving tasks and plan (%n row(s))</source>
        <translation>
            <numerusform>正在接收任务和清单（%n 条）</numerusform>
        </translation>
    </message>
    <message>
        <source>Sending photos and signatures</source>
        <translation>正在发送照片和签名</translation>
    </message>
    <message>
        <source>Sending visits</source>
        <translation>正在发送核查记录</translation>
    </message>
    <message>
        <source>Finishing</source>
        <translation>即将完成</translation>
    </message>
    <message>
        <source>%1 / %2 visits</source>
        <translation>%1 / %2 条核查记录</translation>
    </message>
    <message>
        <source>%1 / %2 MB</source>
        <translation>%1 / %2 MB</translation>
    </message>
    <message>
        <source>Fill in the server address, your username and your password.</source>
        <translation>请填写服务器地址、用户名和密码。</translation>
    </message>
    <message>
        <source>FieldProof tablet (%1)</source>
        <translation>FieldProof 平板（%1）</translation>
    </message>
    <message>
        <source>Cannot reach the office server. Trying again…</source>
        <translation>无法连接办公室服务器，正在重试…</translation>
    </message>
    <message>
        <source>The CA certificate file %1 cannot be read. Choose the file the office gave you, or paste its text.</source>
        <translation>无法读取 CA 证书文件 %1。请选择办公室提供的证书文件，或粘贴证书文字。</translation>
    </message>
    <message>
        <source>This is not a CA certificate. It is a file or text that begins with -----BEGIN CERTIFICATE-----; ask the office for it.</source>
        <translation>这不是 CA 证书。CA 证书是以 -----BEGIN CERTIFICATE----- 开头的文件或文字，请向办公室索取。</translation>
    </message>
    <message>
        <source>The CA certificate cannot be saved on this tablet: %1</source>
        <translation>无法在平板上保存 CA 证书：%1</translation>
    </message>
    <message>
        <source>The office server&apos;s certificate does not match the CA certificate you gave. Check that it is your office&apos;s current CA certificate; leave the field empty if the office has a certificate from a public authority.</source>
        <translation>办公室服务器的证书与您提供的 CA 证书不符。请确认这是办公室当前的 CA 证书；如果办公室使用公共机构签发的证书，请留空此项。</translation>
    </message>
</context>
<context>
    <name>fp::TaskListModel</name>
    <message>
        <source>(enterprise not synced yet)</source>
        <translation>（企业信息尚未同步）</translation>
    </message>
    <message>
        <source>All regions</source>
        <translation>全部属地</translation>
    </message>
    <message>
        <source>All industries</source>
        <translation>全部行业</translation>
    </message>
</context>
<context>
    <name>fp::VisitController</name>
    <message>
        <source>Correction draft</source>
        <translation>更正草稿</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Final since %1</source>
        <translation>已完成（%1）</translation>
    </message>
    <message>
        <source>No position recorded</source>
        <translation>未记录位置</translation>
    </message>
    <message>
        <source> ±%1 m</source>
        <translation> ±%1 米</translation>
    </message>
    <message>
        <source>There is no position fix yet; the visit keeps its old position.</source>
        <translation>还没有定位，核查保持原来的位置。</translation>
    </message>
    <message numerus="yes">
        <source>Not finalised yet: %n item(s) of evidence are missing.</source>
        <translation>
            <numerusform>尚未完成：还缺少 %n 项证据。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fp::VisitListModel</name>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Returned: %1</source>
        <translation>被退回：%1</translation>
    </message>
    <message>
        <source>Accepted by the office</source>
        <translation>办公室已通过</translation>
    </message>
    <message>
        <source>Final, waiting to sync</source>
        <translation>已完成，待同步</translation>
    </message>
    <message>
        <source>Final, synced</source>
        <translation>已完成，已同步</translation>
    </message>
</context>
</TS>
