<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>BarChart</name>
    <message>
        <source>暂无数据</source>
        <translation>No data yet</translation>
    </message>
</context>
<context>
    <name>DueTableModel</name>
    <message>
        <source>理赔编号</source>
        <translation>Claim no.</translation>
    </message>
    <message>
        <source>会员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>批准金额</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>应付日期</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>{plan}，应付日期 {date}</source>
        <translation>{plan}, due {date}</translation>
    </message>
    <message>
        <source>逾期 {days} 天</source>
        <translation>{days} days late</translation>
    </message>
    <message>
        <source>本周到期</source>
        <translation>Due this week</translation>
    </message>
</context>
<context>
    <name>StatsCharts</name>
    <message>
        <source>各方案互助金额</source>
        <translation>Benefit payments by plan</translation>
    </message>
    <message>
        <source>各方案参保人次</source>
        <translation>Enrollments by plan</translation>
    </message>
    <message>
        <source>理赔按状态</source>
        <translation>Claims by status</translation>
    </message>
    <message>
        <source>互助金额(元)</source>
        <translation>Benefit payments (yuan)</translation>
    </message>
    <message>
        <source>互助金额(万元)</source>
        <translation>Benefit payments (10,000 yuan)</translation>
    </message>
    <message>
        <source>参保人次(人次)</source>
        <translation>Enrollments</translation>
    </message>
    <message>
        <source>参保人次(万人次)</source>
        <translation>Enrollments (10,000s)</translation>
    </message>
    <message>
        <source>理赔(笔)</source>
        <translation>Claims</translation>
    </message>
    <message>
        <source>理赔笔数</source>
        <translation>Claims</translation>
    </message>
    <message>
        <source>占会员总数比例(%)</source>
        <translation>Share of union members (%)</translation>
    </message>
    <message>
        <source>占会员总数比例</source>
        <translation>Share of union members</translation>
    </message>
    <message>
        <source>各单位参加人数占会员总数比例</source>
        <translation>Enrolled share of union members by unit</translation>
    </message>
</context>
<context>
    <name>StatsTab</name>
    <message>
        <source>互助金额</source>
        <translation>benefit-payments</translation>
    </message>
    <message>
        <source>参保人次</source>
        <translation>enrollments</translation>
    </message>
    <message>
        <source>理赔状态</source>
        <translation>claims-by-status</translation>
    </message>
    <message>
        <source>本周应付</source>
        <translation>due-this-week</translation>
    </message>
    <message>
        <source>单位参加比例</source>
        <translation>unit-participation</translation>
    </message>
    <message>
        <source>刷新(&amp;R)</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>参加比例按所选方案的最近一期统计（参加人数 ÷ 会员总数）</source>
        <translation>Members&apos; participation (enrolled ÷ union members) is counted for the chosen plan&apos;s latest period</translation>
    </message>
    <message>
        <source>参加比例方案：</source>
        <translation>Participation plan:</translation>
    </message>
    <message>
        <source>保存图片…</source>
        <translation>Save picture…</translation>
    </message>
    <message>
        <source>导出数据…</source>
        <translation>Export data…</translation>
    </message>
    <message>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>统计失败：无法读取数据库，请稍后点“刷新”重试</source>
        <translation>Statistics failed: the database could not be read; click Refresh to try again later</translation>
    </message>
    <message>
        <source>统计失败</source>
        <translation>Statistics failed</translation>
    </message>
    <message>
        <source>统计时间：{time}（数据来自本机数据库，已支付理赔按支付日期计年度）</source>
        <translation>As of {time} (from this computer&apos;s database; paid claims count in the year they were paid)</translation>
    </message>
    <message>
        <source>本周应付理赔（{monday} 至 {sunday}）</source>
        <translation>Claims due this week ({monday} to {sunday})</translation>
    </message>
    <message>
        <source>共 {n} 笔，合计 {total} 元</source>
        <translation>{n} claims, {total} yuan in all</translation>
    </message>
    <message>
        <source>本周没有到期的理赔支付</source>
        <translation>No claim payments fall due this week</translation>
    </message>
    <message>
        <source>；其中 {n} 笔已逾期（红色），请尽快支付</source>
        <translation>; {n} of them are late (red): please pay them soon</translation>
    </message>
    <message>
        <source>各单位参加人数占会员总数比例 {plan} 第 {number} 期</source>
        <translation>Enrolled share of union members by unit, {plan}, period {number}</translation>
    </message>
    <message>
        <source>各单位参加人数占会员总数比例 {plan}</source>
        <translation>Enrolled share of union members by unit, {plan}</translation>
    </message>
    <message>
        <source>（比例最低的 {n} 个单位）</source>
        <translation> (the {n} units with the lowest participation)</translation>
    </message>
    <message>
        <source>无法保存图片到 {path}</source>
        <translation>Could not save the picture to {path}</translation>
    </message>
    <message>
        <source>保存图片</source>
        <translation>Save picture</translation>
    </message>
    <message>
        <source>PNG 图片 (*.png)</source>
        <translation>PNG pictures (*.png)</translation>
    </message>
    <message>
        <source>已保存：{path}</source>
        <translation>Saved: {path}</translation>
    </message>
    <message>
        <source>导出数据</source>
        <translation>Export data</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>已导出：{path}</source>
        <translation>Exported: {path}</translation>
    </message>
</context>
</TS>
