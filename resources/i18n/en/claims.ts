<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ClaimFields</name>
    <message>
        <source>入院日期</source>
        <translation>Admission date</translation>
    </message>
    <message>
        <source>出院日期</source>
        <translation>Discharge date</translation>
    </message>
    <message>
        <source>本地住院</source>
        <translation>Local stay</translation>
    </message>
    <message>
        <source>医院等级</source>
        <translation>Hospital grade</translation>
    </message>
    <message>
        <source>确诊日期</source>
        <translation>Diagnosis date</translation>
    </message>
    <message>
        <source>疾病</source>
        <translation>Illness</translation>
    </message>
    <message>
        <source>首次确诊</source>
        <translation>First diagnosis</translation>
    </message>
    <message>
        <source>事件编号</source>
        <translation>Event no.</translation>
    </message>
    <message>
        <source>意外发生日期</source>
        <translation>Accident date</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>伤残等级</source>
        <translation>Disability grade</translation>
    </message>
    <message>
        <source>因病住院期间发生</source>
        <translation>Happened during a hospital stay for illness</translation>
    </message>
    <message>
        <source>患病或受伤日期</source>
        <translation>Date of illness or injury</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Cause</translation>
    </message>
    <message>
        <source>自付一（元）</source>
        <translation>Self-pay 1 (yuan)</translation>
    </message>
    <message>
        <source>自付二（元）</source>
        <translation>Self-pay 2 (yuan)</translation>
    </message>
    <message>
        <source>自费（元）</source>
        <translation>Out of pocket (yuan)</translation>
    </message>
    <message>
        <source>慰问原因</source>
        <translation>Condolence reason</translation>
    </message>
    <message>
        <source>申报期间</source>
        <translation>Claim period</translation>
    </message>
    <message>
        <source>自付一金额（元）</source>
        <translation>Self-pay 1 amount (yuan)</translation>
    </message>
    <message>
        <source>年内首次住院</source>
        <translation>First stay of the year</translation>
    </message>
    <message>
        <source>治疗开始日期</source>
        <translation>Treatment start</translation>
    </message>
    <message>
        <source>治疗结束日期</source>
        <translation>Treatment end</translation>
    </message>
    <message>
        <source>医疗费总额（元）</source>
        <translation>Total medical cost (yuan)</translation>
    </message>
    <message>
        <source>基本医疗保险支付（元）</source>
        <translation>Paid by basic medical insurance (yuan)</translation>
    </message>
    <message>
        <source>会员已身故</source>
        <translation>Member deceased</translation>
    </message>
    <message>
        <source>就诊或入院日期</source>
        <translation>Visit or admission date</translation>
    </message>
    <message>
        <source>末次就诊或出院日期</source>
        <translation>Last visit or discharge date</translation>
    </message>
    <message>
        <source>医疗费用总额（元）</source>
        <translation>Total medical expenses (yuan)</translation>
    </message>
    <message>
        <source>受伤日期</source>
        <translation>Injury date</translation>
    </message>
    <message>
        <source>生活津贴天数</source>
        <translation>Daily life allowance days</translation>
    </message>
    <message>
        <source>住院津贴天数</source>
        <translation>Hospital allowance days</translation>
    </message>
    <message>
        <source>不勾选为异地住院</source>
        <translation>Untick for an out-of-town stay</translation>
    </message>
    <message>
        <source>一级 1、二级 2、三级 3</source>
        <translation>Grade 1, 2 or 3</translation>
    </message>
    <message>
        <source>同一事件填同一编号，如 2020-车祸-01；同一事件只给付一次</source>
        <translation>Give one event the same number on every claim, e.g. 2020-car-01; an event is paid once</translation>
    </message>
    <message>
        <source>伤残时填 1–10 级</source>
        <translation>For a disability: grade 1–10</translation>
    </message>
    <message>
        <source>门诊按季度写 2021-Q1，住院按月份写 2021-03</source>
        <translation>Outpatient by quarter, e.g. 2021-Q1; inpatient by month, e.g. 2021-03</translation>
    </message>
    <message>
        <source>会员已身故、由受救助人申请时勾选</source>
        <translation>Tick when the member has died and the person relieved applies</translation>
    </message>
    <message>
        <source>印在申请表的治疗时间</source>
        <translation>Printed on the application form as the treatment time</translation>
    </message>
    <message>
        <source>收据或费用清单的合计</source>
        <translation>The total of the receipts or the bill</translation>
    </message>
    <message>
        <source>一级</source>
        <translation>Grade 1</translation>
    </message>
    <message>
        <source>二级</source>
        <translation>Grade 2</translation>
    </message>
    <message>
        <source>三级</source>
        <translation>Grade 3</translation>
    </message>
    <message>
        <source>1 级</source>
        <translation>Grade 1</translation>
    </message>
    <message>
        <source>2 级</source>
        <translation>Grade 2</translation>
    </message>
    <message>
        <source>3 级</source>
        <translation>Grade 3</translation>
    </message>
    <message>
        <source>4 级</source>
        <translation>Grade 4</translation>
    </message>
    <message>
        <source>5 级</source>
        <translation>Grade 5</translation>
    </message>
    <message>
        <source>6 级</source>
        <translation>Grade 6</translation>
    </message>
    <message>
        <source>7 级</source>
        <translation>Grade 7</translation>
    </message>
    <message>
        <source>8 级</source>
        <translation>Grade 8</translation>
    </message>
    <message>
        <source>9 级</source>
        <translation>Grade 9</translation>
    </message>
    <message>
        <source>10 级</source>
        <translation>Grade 10</translation>
    </message>
    <message>
        <source>伤残</source>
        <translation>Disability</translation>
    </message>
    <message>
        <source>身故</source>
        <translation>Death</translation>
    </message>
    <message>
        <source>重大疾病</source>
        <translation>Critical illness</translation>
    </message>
    <message>
        <source>意外伤害</source>
        <translation>Accident injury</translation>
    </message>
    <message>
        <source>患病需长期治疗</source>
        <translation>Long-term illness</translation>
    </message>
    <message>
        <source>意外伤害致残</source>
        <translation>Disabled by accident</translation>
    </message>
    <message>
        <source>因免责期、减责期未获赔付</source>
        <translation>Not paid because of a waiting or reduced-liability period</translation>
    </message>
    <message>
        <source>保障范围外（连续参加 2 年以上）</source>
        <translation>Outside the plan&apos;s scope (2+ consecutive years)</translation>
    </message>
    <message>
        <source>配偶</source>
        <translation>spouse</translation>
    </message>
    <message>
        <source>子女</source>
        <translation>child</translation>
    </message>
</context>
<context>
    <name>ClaimStatus</name>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>已受理</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>单位已审</source>
        <translation>Unit reviewed</translation>
    </message>
    <message>
        <source>办事处已审</source>
        <translation>Office audited</translation>
    </message>
    <message>
        <source>已批准</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>已核定·无给付</source>
        <translation>Closed, nothing due</translation>
    </message>
    <message>
        <source>已拒绝</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>待补件</source>
        <translation>Returned for materials</translation>
    </message>
    <message>
        <source>已支付</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
</context>
<context>
    <name>ClaimTableModel</name>
    <message>
        <source>理赔编号</source>
        <translation>Claim no.</translation>
    </message>
    <message>
        <source>会员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>受益人</source>
        <translation>Beneficiary</translation>
    </message>
    <message>
        <source>方案</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Benefit</translation>
    </message>
    <message>
        <source>事件日期</source>
        <translation>Event date</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>核定金额</source>
        <translation>Computed</translation>
    </message>
    <message>
        <source>批准</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>已付</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>应付日期</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>本人</source>
        <translation>Self</translation>
    </message>
    <message>
        <source>已超过应付日期 {date}</source>
        <translation>Past the due date {date}</translation>
    </message>
</context>
<context>
    <name>ClaimsTab</name>
    <message>
        <source>受理</source>
        <translation>Submit</translation>
    </message>
    <message>
        <source>单位审核</source>
        <translation>Unit review</translation>
    </message>
    <message>
        <source>办事处审核</source>
        <translation>Office audit</translation>
    </message>
    <message>
        <source>批准…</source>
        <translation>Approve…</translation>
    </message>
    <message>
        <source>拒绝…</source>
        <translation>Reject…</translation>
    </message>
    <message>
        <source>退回补件…</source>
        <translation>Return for materials…</translation>
    </message>
    <message>
        <source>登记支付…</source>
        <translation>Record payment…</translation>
    </message>
    <message>
        <source>撤回…</source>
        <translation>Withdraw…</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>按会员姓名、身份证号码或理赔编号搜索</source>
        <translation>Search by member name, ID number or claim no.</translation>
    </message>
    <message>
        <source>受理新理赔(&amp;N)…</source>
        <translation>&amp;New claim…</translation>
    </message>
    <message>
        <source>打印申请审核表…</source>
        <translation>Print claim audit forms…</translation>
    </message>
    <message>
        <source>打印补件通知…</source>
        <translation>Print materials notice…</translation>
    </message>
    <message>
        <source>导出付款清单…</source>
        <translation>Export payment list…</translation>
    </message>
    <message>
        <source>状态：</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>编辑(&amp;E)…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>修改草稿或待补件理赔的事件情况，勾选补交的材料（也可双击或按回车）</source>
        <translation>Correct the facts of a draft or returned claim and tick late materials (or double-click, or press Enter)</translation>
    </message>
    <message>
        <source>待支付 {n} 笔</source>
        <translation>{n} awaiting payment</translation>
    </message>
    <message>
        <source>，其中 {n} 笔已超过应付日期（红色）</source>
        <translation>, {n} of them past the due date (red)</translation>
    </message>
    <message>
        <source>选择左侧的理赔查看详情。</source>
        <translation>Select a claim on the left to see its details.</translation>
    </message>
    <message>
        <source>{amount} 元</source>
        <translation>{amount} yuan</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>（{amount} 元）</source>
        <translation> ({amount} yuan)</translation>
    </message>
    <message>
        <source>应付 &lt;b&gt;{amount}&lt;/b&gt; 元（上限 {cap} 元）</source>
        <translation>Due &lt;b&gt;{amount}&lt;/b&gt; yuan (cap {cap} yuan)</translation>
    </message>
    <message>
        <source>不予给付</source>
        <translation>Not payable</translation>
    </message>
    <message>
        <source>批准 &lt;b&gt;{approved}&lt;/b&gt; 元（规则计算 {amount} 元）</source>
        <translation>Approved &lt;b&gt;{approved}&lt;/b&gt; (computed {amount})</translation>
    </message>
    <message>
        <source>，原因：{reason}</source>
        <translation>, reason: {reason}</translation>
    </message>
    <message>
        <source>已于 {date} 支付 &lt;b&gt;{paid}&lt;/b&gt; 元到账号 {account}，凭证号 {reference}</source>
        <translation>Paid &lt;b&gt;{paid}&lt;/b&gt; on {date} to account {account}, voucher {reference}</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>{member}（{unit}），受益人：{beneficiary}&lt;br&gt;{plan_benefit}，事件日期 {event_date}，申请日期 {applied_on}，方案版本 {version}</source>
        <translation>{member} ({unit}), beneficiary: {beneficiary}&lt;br&gt;{plan_benefit}, event date {event_date}, applied on {applied_on}, plan version {version}</translation>
    </message>
    <message>
        <source>本年已支付 {amount} 元。</source>
        <translation>Paid this year: {amount} yuan. </translation>
    </message>
    <message>
        <source>同一事件的其他理赔：</source>
        <translation>Other claims for the same event: </translation>
    </message>
    <message>
        <source>计算过程：</source>
        <translation>Computation:</translation>
    </message>
    <message>
        <source>材料：</source>
        <translation>Materials:</translation>
    </message>
    <message>
        <source>事件情况：</source>
        <translation>Facts:</translation>
    </message>
    <message>
        <source>该会员的其他理赔：</source>
        <translation>The member&apos;s other claims:</translation>
    </message>
    <message>
        <source>办理经过：</source>
        <translation>Steps taken:</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>{label}：{value}</source>
        <translation>{label}: {value}</translation>
    </message>
    <message>
        <source>{problem}，请重新输入。</source>
        <translation>{problem}. Please enter it again.</translation>
    </message>
    <message>
        <source>批准</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>批准金额（不超过 {amount} 元）：</source>
        <translation>Approved amount (at most {amount} yuan):</translation>
    </message>
    <message>
        <source>低于核定金额的原因：</source>
        <translation>Reason for approving less than computed:</translation>
    </message>
    <message>
        <source>原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>登记支付</source>
        <translation>Record payment</translation>
    </message>
    <message>
        <source>等{n}份</source>
        <translation>_and_{n}_more</translation>
    </message>
    <message>
        <source>申请审核表</source>
        <translation>claim-forms</translation>
    </message>
    <message>
        <source>已保存为 PDF：{path}</source>
        <translation>Saved as PDF: {path}</translation>
    </message>
    <message>
        <source>支付清单</source>
        <translation>payments-made</translation>
    </message>
    <message>
        <source>已导出 {date} 支付的 {n} 笔理赔到 {path}</source>
        <translation>Exported {n} claims paid on {date} to {path}</translation>
    </message>
    <message>
        <source>理赔</source>
        <translation>Claim</translation>
    </message>
    <message>
        <source>保存申请审核表</source>
        <translation>Save claim audit forms</translation>
    </message>
    <message>
        <source>已生成 {n} 份申请审核表：{path}</source>
        <translation>{n} claim audit forms written: {path}</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>保存补件通知</source>
        <translation>Save materials notice</translation>
    </message>
    <message>
        <source>补件通知</source>
        <translation>Materials notice</translation>
    </message>
    <message>
        <source>待支付清单（已批准未支付）</source>
        <translation>Due list (approved, unpaid)</translation>
    </message>
    <message>
        <source>某日支付清单（已登记支付）</source>
        <translation>A day&apos;s payments (recorded)</translation>
    </message>
    <message>
        <source>导出付款清单</source>
        <translation>Export payment list</translation>
    </message>
    <message>
        <source>清单：</source>
        <translation>List:</translation>
    </message>
    <message>
        <source>支付日期（YYYY-MM-DD）：</source>
        <translation>Payment date (YYYY-MM-DD):</translation>
    </message>
    <message>
        <source>“{text}”不是 YYYY-MM-DD 日期</source>
        <translation>&quot;{text}&quot; is not a YYYY-MM-DD date</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>付款清单</source>
        <translation>Payment list</translation>
    </message>
    <message>
        <source>已导出 {n} 笔待支付理赔到 {path}</source>
        <translation>{n} claims awaiting payment exported to {path}</translation>
    </message>
</context>
<context>
    <name>IntakeDialog</name>
    <message>
        <source>受理理赔</source>
        <translation>Claim intake</translation>
    </message>
    <message>
        <source>输入姓名或身份证号码查找会员</source>
        <translation>Type a name or ID number to find the member</translation>
    </message>
    <message>
        <source>日期格式 YYYY-MM-DD；留空或格式不对时按今天计算</source>
        <translation>Date as YYYY-MM-DD; if empty or malformed, today is used</translation>
    </message>
    <message>
        <source>会员本人，或名册中登记的配偶、子女</source>
        <translation>The member, or a spouse or child recorded in the roster</translation>
    </message>
    <message>
        <source>只列出该会员参保的保障计划</source>
        <translation>Only the plans the member is enrolled in</translation>
    </message>
    <message>
        <source>查找会员(&amp;F)：</source>
        <translation>&amp;Find member:</translation>
    </message>
    <message>
        <source>会员：</source>
        <translation>Member:</translation>
    </message>
    <message>
        <source>受益人：</source>
        <translation>Beneficiary:</translation>
    </message>
    <message>
        <source>保障计划：</source>
        <translation>Plan:</translation>
    </message>
    <message>
        <source>申请项目：</source>
        <translation>Benefit:</translation>
    </message>
    <message>
        <source>申请日期：</source>
        <translation>Applied on:</translation>
    </message>
    <message>
        <source>事件情况</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>材料（已收到的打勾）</source>
        <translation>Materials (tick those received)</translation>
    </message>
    <message>
        <source>规则计算：</source>
        <translation>Rules&apos; computation:</translation>
    </message>
    <message>
        <source>保存为草稿(&amp;S)</source>
        <translation>&amp;Save as draft</translation>
    </message>
    <message>
        <source>保存并受理(&amp;U)</source>
        <translation>Save and s&amp;ubmit</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>放弃填写</source>
        <translation>Discard entries</translation>
    </message>
    <message>
        <source>已填写的内容尚未保存，确定放弃吗？</source>
        <translation>What you have entered is not saved yet. Discard it?</translation>
    </message>
    <message>
        <source>本人</source>
        <translation>Member (self)</translation>
    </message>
    <message>
        <source>{name}（{relation}）</source>
        <translation>{name} ({relation})</translation>
    </message>
    <message>
        <source>{label}：</source>
        <translation>{label}:</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>如 2020-05-01</source>
        <translation>e.g. 2020-05-01</translation>
    </message>
    <message>
        <source>元，两位小数</source>
        <translation>yuan, two decimals</translation>
    </message>
    <message>
        <source>日期格式 YYYY-MM-DD（也可写 2020/5/1 或 2020年5月1日）；不能晚于今天</source>
        <translation>Date as YYYY-MM-DD (2020/5/1 also works); not later than today</translation>
    </message>
    <message>
        <source>金额，元，最多两位小数，不可为负</source>
        <translation>Amount in yuan, at most two decimals, not negative</translation>
    </message>
    <message>
        <source>整数，{low} 至 {high}</source>
        <translation>Whole number, {low} to {high}</translation>
    </message>
    <message>
        <source>整数，不小于 {low}</source>
        <translation>Whole number, at least {low}</translation>
    </message>
    <message>
        <source>从列表中选择</source>
        <translation>Pick from the list</translation>
    </message>
    <message>
        <source>必填</source>
        <translation>required</translation>
    </message>
    <message>
        <source>可不填</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>请先选择会员、保障计划和申请项目。</source>
        <translation>Choose the member, the plan and the benefit first.</translation>
    </message>
    <message>
        <source>尚未填完：</source>
        <translation>Not complete yet: </translation>
    </message>
    <message>
        <source>&lt;b&gt;应付 {amount} 元&lt;/b&gt;（适用上限 {cap} 元）</source>
        <translation>&lt;b&gt;Due {amount} yuan&lt;/b&gt; (cap {cap} yuan)</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#b00020&apos;&gt;不予给付&lt;/b&gt;（计算额 {cap} 元）</source>
        <translation>&lt;b style=&apos;color:#b00020&apos;&gt;Not payable&lt;/b&gt; (computed {cap} yuan)</translation>
    </message>
    <message>
        <source>缺少材料：{materials}（补齐后才能受理）</source>
        <translation>Missing materials: {materials} (the claim can be submitted once they are in)</translation>
    </message>
    <message>
        <source>修改理赔 {claim_no}（{status}）</source>
        <translation>Edit claim {claim_no} ({status})</translation>
    </message>
    <message>
        <source>保存修改(&amp;S)</source>
        <translation>&amp;Save changes</translation>
    </message>
    <message>
        <source>待补件的理赔材料补齐后保存，即重新受理</source>
        <translation>A returned claim whose materials are complete is resubmitted when saved</translation>
    </message>
    <message>
        <source>请先选择会员、保障计划和申请项目</source>
        <translation>Choose the member, the plan and the benefit first</translation>
    </message>
    <message>
        <source>已保存为草稿 {claim_no}，但</source>
        <translation>Saved as draft {claim_no}, but: </translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>登记支付 {claim_no}</source>
        <translation>Record payment {claim_no}</translation>
    </message>
    <message>
        <source>名册中登记的收款账号；付到其他账号时改写</source>
        <translation>The account in the roster; overwrite it to pay elsewhere</translation>
    </message>
    <message>
        <source>银行回单或转账凭证号</source>
        <translation>Bank slip or transfer voucher number</translation>
    </message>
    <message>
        <source>日期格式 YYYY-MM-DD，不能晚于今天</source>
        <translation>Date as YYYY-MM-DD, not after today</translation>
    </message>
    <message>
        <source>元，不超过批准金额</source>
        <translation>Yuan, at most the approved amount</translation>
    </message>
    <message>
        <source>收款人：</source>
        <translation>Payee:</translation>
    </message>
    <message>
        <source>开户银行：</source>
        <translation>Bank:</translation>
    </message>
    <message>
        <source>（名册中未登记）</source>
        <translation>(not in the roster)</translation>
    </message>
    <message>
        <source>收款账号(&amp;A)：</source>
        <translation>&amp;Account:</translation>
    </message>
    <message>
        <source>支付凭证号(&amp;R)：</source>
        <translation>Voucher &amp;reference:</translation>
    </message>
    <message>
        <source>支付日期(&amp;D)：</source>
        <translation>Payment &amp;date:</translation>
    </message>
    <message>
        <source>支付金额(&amp;M)：</source>
        <translation>A&amp;mount:</translation>
    </message>
    <message>
        <source>登记支付</source>
        <translation>Record payment</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>支付日期“{text}”不是 YYYY-MM-DD 日期</source>
        <translation>Payment date &quot;{text}&quot; is not a YYYY-MM-DD date</translation>
    </message>
</context>
</TS>
