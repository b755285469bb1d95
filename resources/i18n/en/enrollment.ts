<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>EnrollmentMemberModel</name>
    <message>
        <source>选择</source>
        <translation>Pick</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>年龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>在职状态</source>
        <translation>Employment</translation>
    </message>
    <message>
        <source>参保资格</source>
        <translation>Eligibility</translation>
    </message>
    <message>
        <source>本期参保</source>
        <translation>Enrollment this period</translation>
    </message>
    <message>
        <source>在职</source>
        <translation>In service</translation>
    </message>
    <message>
        <source>退休</source>
        <translation>Retired</translation>
    </message>
    <message>
        <source>离职</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>男</source>
        <translation>M</translation>
    </message>
    <message>
        <source>女</source>
        <translation>F</translation>
    </message>
    <message>
        <source>可参保</source>
        <translation>Eligible</translation>
    </message>
    <message>
        <source>不符合：</source>
        <translation>Not eligible: </translation>
    </message>
    <message>
        <source>未参保</source>
        <translation>Not enrolled</translation>
    </message>
    <message>
        <source>已参保（{date} 起，{shares} 份）</source>
        <translation>Enrolled (from {date}, {shares} shares)</translation>
    </message>
    <message>
        <source>已参保（{date} 起）</source>
        <translation>Enrolled (from {date})</translation>
    </message>
</context>
<context>
    <name>EnrollmentPapers</name>
    <message>
        <source>请先选择期数和单位</source>
        <translation>Choose a period and a unit first</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>仍要打印吗？</source>
        <translation>Print anyway?</translation>
    </message>
    <message>
        <source>团体申请表</source>
        <translation>group-application</translation>
    </message>
    <message>
        <source>人员手册</source>
        <translation>personnel-roster</translation>
    </message>
    <message>
        <source>第{n}期</source>
        <translation>period{n}</translation>
    </message>
    <message>
        <source>保存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>已保存为 PDF：{path}</source>
        <translation>Saved as PDF: {path}</translation>
    </message>
    <message>
        <source>请用 PDF 阅读器打开并打印。</source>
        <translation>Open it in a PDF reader to print it.</translation>
    </message>
    <message>
        <source>正在生成上报批次…</source>
        <translation>Building the report batch…</translation>
    </message>
    <message>
        <source>已生成上报批次：
{folder}</source>
        <translation>Report batch written:
{folder}</translation>
    </message>
    <message>
        <source>导出上报批次</source>
        <translation>Export report batch</translation>
    </message>
    <message>
        <source>选择 U 盘或文件夹</source>
        <translation>Choose a USB drive or folder</translation>
    </message>
</context>
<context>
    <name>EnrollmentPayments</name>
    <message>
        <source>应缴 {payable} 元，已缴 {paid} 元，尚欠 {owed} 元</source>
        <translation>Due {payable} yuan, paid {paid} yuan, owed {owed} yuan</translation>
    </message>
    <message>
        <source>（已过收缴期）</source>
        <translation> (collection window closed)</translation>
    </message>
    <message>
        <source>（已作废：{reason}）</source>
        <translation> (voided: {reason})</translation>
    </message>
    <message>
        <source>{date} {method} {amount} 元 {receipt}</source>
        <translation>{date} {method} {amount} yuan {receipt}</translation>
    </message>
    <message>
        <source>请先选择期数和单位</source>
        <translation>Choose a period and a unit first</translation>
    </message>
    <message>
        <source>作废缴费</source>
        <translation>Void payment</translation>
    </message>
    <message>
        <source>本单位本期没有可作废的缴费</source>
        <translation>This unit has no payment to void in this period</translation>
    </message>
    <message>
        <source>作废哪一笔：</source>
        <translation>Which payment:</translation>
    </message>
    <message>
        <source>作废 {payment}，原因（更正时作废后请重新登记）：</source>
        <translation>Void {payment}. Reason (to correct it, record it again afterwards):</translation>
    </message>
</context>
<context>
    <name>EnrollmentRoll</name>
    <message>
        <source>请先选择期数和单位</source>
        <translation>Choose a period and a unit first</translation>
    </message>
    <message>
        <source>为“{unit}”办理 {n} 人参保</source>
        <translation>Enrolled {n} members of “{unit}”</translation>
    </message>
    <message>
        <source>没有可参保的人员</source>
        <translation>Nobody left to enroll</translation>
    </message>
    <message>
        <source>为“{unit}”的 {n} 名符合条件、尚未参保的会员办理参保，生效日期 {day}，缴费标准每人 {fee} 元。确定办理吗？</source>
        <translation>Enroll the {n} eligible members of “{unit}” not yet enrolled, effective {day}, at a fee of {fee} yuan each?</translation>
    </message>
    <message>
        <source>全部符合条件者参保</source>
        <translation>Enroll everyone eligible</translation>
    </message>
    <message>
        <source>参保</source>
        <translation>Enrollment</translation>
    </message>
    <message>
        <source>请先在“选择”列勾选人员</source>
        <translation>Tick members in the “Pick” column first</translation>
    </message>
    <message>
        <source>该会员本期未参保</source>
        <translation>This member is not enrolled in this period</translation>
    </message>
    <message>
        <source>取消 {name} 的参保</source>
        <translation>Cancelled the enrollment of {name}</translation>
    </message>
    <message>
        <source>取消参保</source>
        <translation>Cancel enrollment</translation>
    </message>
    <message>
        <source>请先选择一名已参保的会员</source>
        <translation>Select an enrolled member first</translation>
    </message>
    <message>
        <source>取消 {name} 的参保，原因：</source>
        <translation>Reason for cancelling {name}&apos;s enrollment:</translation>
    </message>
    <message>
        <source>没有上一期可续保</source>
        <translation>There is no previous period to renew from</translation>
    </message>
    <message>
        <source>已从第 {number} 期续保 {n} 人。</source>
        <translation>Renewed {n} from period {number}.</translation>
    </message>
    <message>
        <source>未续保：</source>
        <translation>Not renewed:</translation>
    </message>
    <message>
        <source>续保上期</source>
        <translation>Renew from last period</translation>
    </message>
</context>
<context>
    <name>EnrollmentTab</name>
    <message>
        <source>新建期数…</source>
        <translation>New period…</translation>
    </message>
    <message>
        <source>日期格式 YYYY-MM-DD；办理日期，判断是否在收缴期内</source>
        <translation>Date as YYYY-MM-DD; the processing date, checked against the collection window</translation>
    </message>
    <message>
        <source>日期格式 YYYY-MM-DD；须在所选保障期内；按此日期计算年龄、判断参保资格</source>
        <translation>Date as YYYY-MM-DD; within the chosen coverage period; ages and eligibility are worked out as of this date</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>方案：</source>
        <translation>Plan:</translation>
    </message>
    <message>
        <source>期数：</source>
        <translation>Period:</translation>
    </message>
    <message>
        <source>单位：</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <source>办理日期：</source>
        <translation>As of:</translation>
    </message>
    <message>
        <source>生效日期：</source>
        <translation>Effective from:</translation>
    </message>
    <message>
        <source>全部符合条件者参保(&amp;A)</source>
        <translation>Enroll &amp;all eligible</translation>
    </message>
    <message>
        <source>所选人员参保(&amp;S)</source>
        <translation>Enroll &amp;selected</translation>
    </message>
    <message>
        <source>取消参保(&amp;C)…</source>
        <translation>&amp;Cancel enrollment…</translation>
    </message>
    <message>
        <source>续保上期(&amp;R)</source>
        <translation>&amp;Renew from last period</translation>
    </message>
    <message>
        <source>登记缴费(&amp;P)…</source>
        <translation>Record &amp;payment…</translation>
    </message>
    <message>
        <source>作废或更正缴费…</source>
        <translation>Void or correct a payment…</translation>
    </message>
    <message>
        <source>登记错的缴费作废（保留记录和原因，不再计入已缴）；更正即作废后重新登记</source>
        <translation>Void a payment recorded wrongly (it stays on record with the reason and no longer counts as paid); to correct one, void it and record it again</translation>
    </message>
    <message>
        <source>打印团体申请表…</source>
        <translation>Print group application…</translation>
    </message>
    <message>
        <source>打印人员手册…</source>
        <translation>Print personnel roster…</translation>
    </message>
    <message>
        <source>导出上报批次(&amp;B)…</source>
        <translation>Export report &amp;batch…</translation>
    </message>
    <message>
        <source>Excel 加密密码（可不填）</source>
        <translation>Excel password (optional)</translation>
    </message>
    <message>
        <source>可不填；填写后，上报批次中的 Excel 文件以此密码加密</source>
        <translation>Optional; when given, the Excel files in the report batch are encrypted with this password</translation>
    </message>
    <message>
        <source>参保情况</source>
        <translation>Enrollment status</translation>
    </message>
    <message>
        <source>检查结果：</source>
        <translation>Checks:</translation>
    </message>
    <message>
        <source>缴费</source>
        <translation>Contributions</translation>
    </message>
    <message>
        <source>打印与上报</source>
        <translation>Print and report</translation>
    </message>
    <message>
        <source>第 {number} 期（{start} 至 {end}）</source>
        <translation>Period {number} ({start} to {end})</translation>
    </message>
    <message>
        <source>请选择方案、期数和单位。没有期数时先点“新建期数…”。</source>
        <translation>Choose a plan, a period and a unit. If there is no period yet, click “New period…” first.</translation>
    </message>
    <message>
        <source>会员 {members} 人，符合条件 {eligible} 人，已参保 {enrolled} 人；参保率（参加÷符合条件）{rule_rate}，参加人数占会员总数比例 {member_rate}。缴费标准 {fee} 元，补助 {subsidy} 元/人，每人缴 {pays} 元 × 缴费 {payers} 人（免缴 {free} 人）= 单位应缴 {payable} 元。</source>
        <translation>Members {members}, eligible {eligible}, enrolled {enrolled}; participation rate (enrolled ÷ eligible) {rule_rate}, share of union members {member_rate}. Fee {fee}, subsidy {subsidy} per person, each pays {pays} × {payers} payers ({free} free) = unit pays {payable}.</translation>
    </message>
    <message>
        <source>符合本计划的全部参保规定</source>
        <translation>Meets every enrollment rule of this plan</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>登记缴费</source>
        <translation>Record payment</translation>
    </message>
    <message>
        <source>可不填</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>金额，元，最多两位小数，须大于 0</source>
        <translation>Amount in yuan, at most two decimals, greater than 0</translation>
    </message>
    <message>
        <source>支票（正送或倒送）、现金或转账</source>
        <translation>Cheque (forward or reverse), cash or transfer</translation>
    </message>
    <message>
        <source>日期格式 YYYY-MM-DD；不能晚于今天</source>
        <translation>Date as YYYY-MM-DD; not later than today</translation>
    </message>
    <message>
        <source>金额，元，最多两位小数，不可为负；单位与个人两项都填时，其和须等于缴费金额</source>
        <translation>Amount in yuan, at most two decimals, not negative; when both the unit&apos;s and the member&apos;s share are given, they must add up to the amount paid</translation>
    </message>
    <message>
        <source>缴费金额（元）：</source>
        <translation>Amount (yuan):</translation>
    </message>
    <message>
        <source>缴费方式：</source>
        <translation>Method:</translation>
    </message>
    <message>
        <source>缴款日期：</source>
        <translation>Paid on:</translation>
    </message>
    <message>
        <source>收据或发票号：</source>
        <translation>Receipt or invoice no.:</translation>
    </message>
    <message>
        <source>其中单位负担（元）：</source>
        <translation>Of which unit&apos;s share (yuan):</translation>
    </message>
    <message>
        <source>其中个人负担（元）：</source>
        <translation>Of which member&apos;s share (yuan):</translation>
    </message>
</context>
<context>
    <name>PaymentMethod</name>
    <message>
        <source>支票（正送）</source>
        <translation>Cheque (forward)</translation>
    </message>
    <message>
        <source>支票（倒送）</source>
        <translation>Cheque (reverse)</translation>
    </message>
    <message>
        <source>现金</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>转账</source>
        <translation>Transfer</translation>
    </message>
</context>
<context>
    <name>PeriodDialog</name>
    <message>
        <source>新建保障期</source>
        <translation>New coverage period</translation>
    </message>
    <message>
        <source>期数为正整数；同一方案的期数不能重复</source>
        <translation>A whole number from 1; a plan cannot have the same period number twice</translation>
    </message>
    <message>
        <source>日期格式 YYYY-MM-DD</source>
        <translation>Date as YYYY-MM-DD</translation>
    </message>
    <message>
        <source>日期格式 YYYY-MM-DD；结束日期不能早于开始日期</source>
        <translation>Date as YYYY-MM-DD; not earlier than the start date</translation>
    </message>
    <message>
        <source>日期格式 YYYY-MM-DD；单位在收缴期内缴费</source>
        <translation>Date as YYYY-MM-DD; units pay within the collection window</translation>
    </message>
    <message>
        <source>日期格式 YYYY-MM-DD；收缴截止日期不能早于起始日期</source>
        <translation>Date as YYYY-MM-DD; not earlier than the collection start</translation>
    </message>
    <message>
        <source>金额，元，最多两位小数，不可为负</source>
        <translation>Amount in yuan, at most two decimals, not negative</translation>
    </message>
    <message>
        <source>期数：</source>
        <translation>Period number:</translation>
    </message>
    <message>
        <source>保障期开始：</source>
        <translation>Coverage starts:</translation>
    </message>
    <message>
        <source>保障期结束：</source>
        <translation>Coverage ends:</translation>
    </message>
    <message>
        <source>收缴开始：</source>
        <translation>Collection starts:</translation>
    </message>
    <message>
        <source>收缴截止：</source>
        <translation>Collection ends:</translation>
    </message>
    <message>
        <source>缴费标准（元/人·期）：</source>
        <translation>Fee (yuan per person per period):</translation>
    </message>
</context>
</TS>
