<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>PlanTerms</name>
    <message>
        <source>参保条件</source>
        <translation>Enrollment rules</translation>
    </message>
    <message>
        <source>保障项目</source>
        <translation>Benefits</translation>
    </message>
    <message>
        <source>按住院天数给付津贴</source>
        <translation>Allowance per day in hospital</translation>
    </message>
    <message>
        <source>按生效天数定额给付</source>
        <translation>Fixed sum by days since the effective date</translation>
    </message>
    <message>
        <source>按伤残等级比例给付</source>
        <translation>Proportion by disability grade</translation>
    </message>
    <message>
        <source>起付线以上按比例给付</source>
        <translation>Proportion above the deductible</translation>
    </message>
    <message>
        <source>分段累进、期内累计给付</source>
        <translation>Banded, cumulative over the period</translation>
    </message>
    <message>
        <source>救助/慰问最高额（门槛、加倍）</source>
        <translation>Relief / condolence cap (threshold, doubling)</translation>
    </message>
    <message>
        <source>按档次给付生活、住院津贴</source>
        <translation>Daily life and hospital allowance by tier</translation>
    </message>
    <message>
        <source>最高年龄（周岁，含）</source>
        <translation>Maximum age (years, inclusive)</translation>
    </message>
    <message>
        <source>最低年龄（周岁，含）</source>
        <translation>Minimum age (years, inclusive)</translation>
    </message>
    <message>
        <source>金额（元）</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <source>年度累计最高（元）</source>
        <translation>Annual cap (yuan)</translation>
    </message>
    <message>
        <source>共用年度上限的项目</source>
        <translation>Benefits sharing the annual cap</translation>
    </message>
    <message>
        <source>申请期限（事件当年及以后几年）</source>
        <translation>Application deadline (event year plus years)</translation>
    </message>
    <message>
        <source>须参加基本医疗保险</source>
        <translation>Basic medical insurance required</translation>
    </message>
    <message>
        <source>最高给付（元）</source>
        <translation>Cap (yuan)</translation>
    </message>
    <message>
        <source>适用原因</source>
        <translation>Causes covered</translation>
    </message>
    <message>
        <source>理赔时须为的在职状态</source>
        <translation>Employment required at claim</translation>
    </message>
    <message>
        <source>申报起始日（每月几日起）</source>
        <translation>Claims open from day (of the month)</translation>
    </message>
    <message>
        <source>会费收缴截止日</source>
        <translation>Fee collection ends</translation>
    </message>
    <message>
        <source>会费收缴起始日</source>
        <translation>Fee collection starts</translation>
    </message>
    <message>
        <source>身故给付（元）</source>
        <translation>Death benefit (yuan)</translation>
    </message>
    <message>
        <source>起付线（元）</source>
        <translation>Deductible (yuan)</translation>
    </message>
    <message>
        <source>起付线计算范围</source>
        <translation>Deductible scope</translation>
    </message>
    <message>
        <source>伤残给付基数（元）</source>
        <translation>Disability base (yuan)</translation>
    </message>
    <message>
        <source>加倍给付的人员类别</source>
        <translation>Categories paid double</translation>
    </message>
    <message>
        <source>参保须为的在职状态</source>
        <translation>Employment required to enroll</translation>
    </message>
    <message>
        <source>会费（元/人·期）</source>
        <translation>Fee (yuan per person per period)</translation>
    </message>
    <message>
        <source>免费参保条件</source>
        <translation>Free enrollment when</translation>
    </message>
    <message>
        <source>起</source>
        <translation>From</translation>
    </message>
    <message>
        <source>伤残等级比例</source>
        <translation>Disability grade proportions</translation>
    </message>
    <message>
        <source>住院津贴（元/天）</source>
        <translation>Hospital allowance (yuan/day)</translation>
    </message>
    <message>
        <source>生效日期</source>
        <translation>In force from</translation>
    </message>
    <message>
        <source>住院期间意外伤残基数（元）</source>
        <translation>Disability base during an illness stay (yuan)</translation>
    </message>
    <message>
        <source>计算方式</source>
        <translation>Calculation</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>生活津贴（元/天）</source>
        <translation>Life allowance (yuan/day)</translation>
    </message>
    <message>
        <source>本地住院每天（元）</source>
        <translation>Local stay per day (yuan)</translation>
    </message>
    <message>
        <source>本地住院每次最高（元）</source>
        <translation>Local stay cap per stay (yuan)</translation>
    </message>
    <message>
        <source>所需材料</source>
        <translation>Materials required</translation>
    </message>
    <message>
        <source>每期最多申请次数</source>
        <translation>Max claims per period</translation>
    </message>
    <message>
        <source>最多给付天数</source>
        <translation>Max days paid</translation>
    </message>
    <message>
        <source>单位人数上限（含）</source>
        <translation>Unit headcount up to (inclusive)</translation>
    </message>
    <message>
        <source>每期最多给付次数</source>
        <translation>Max payments per period</translation>
    </message>
    <message>
        <source>每人最多份数</source>
        <translation>Max shares per person</translation>
    </message>
    <message>
        <source>范围外慰问须连续参加年数</source>
        <translation>Consecutive years needed for outside-scope condolence</translation>
    </message>
    <message>
        <source>最低医院等级</source>
        <translation>Minimum hospital grade</translation>
    </message>
    <message>
        <source>每次最低给付（元）</source>
        <translation>Minimum payment (yuan)</translation>
    </message>
    <message>
        <source>最低参保比例</source>
        <translation>Minimum participation</translation>
    </message>
    <message>
        <source>最少住院天数</source>
        <translation>Minimum stay (days)</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>每期限一次</source>
        <translation>Once per period</translation>
    </message>
    <message>
        <source>每期累计最高（元）</source>
        <translation>Period cap (yuan)</translation>
    </message>
    <message>
        <source>申报周期</source>
        <translation>Claim cycle</translation>
    </message>
    <message>
        <source>给付比例</source>
        <translation>Proportion paid</translation>
    </message>
    <message>
        <source>适用情形</source>
        <translation>Cases covered</translation>
    </message>
    <message>
        <source>可申请人</source>
        <translation>Who may claim</translation>
    </message>
    <message>
        <source>异地住院每天（元）</source>
        <translation>Out-of-town stay per day (yuan)</translation>
    </message>
    <message>
        <source>异地住院每次最高（元）</source>
        <translation>Out-of-town stay cap per stay (yuan)</translation>
    </message>
    <message>
        <source>补助（元/人·期）</source>
        <translation>Subsidy (yuan per person per period)</translation>
    </message>
    <message>
        <source>自负费用门槛（元）</source>
        <translation>Self-borne cost threshold (yuan)</translation>
    </message>
    <message>
        <source>止</source>
        <translation>To</translation>
    </message>
    <message>
        <source>须为工会会员</source>
        <translation>Union membership required</translation>
    </message>
    <message>
        <source>单位须建立工会</source>
        <translation>Unit must have a union</translation>
    </message>
    <message>
        <source>生效后天数（含）以内</source>
        <translation>Up to days after effective date (inclusive)</translation>
    </message>
    <message>
        <source>保障疾病</source>
        <translation>Illnesses covered</translation>
    </message>
    <message>
        <source>再次住院起付线（元）</source>
        <translation>Deductible for later stays (yuan)</translation>
    </message>
    <message>
        <source>参保率要求</source>
        <translation>Participation required</translation>
    </message>
    <message>
        <source>档次</source>
        <translation>Tiers</translation>
    </message>
    <message>
        <source>分段</source>
        <translation>Bands</translation>
    </message>
    <message>
        <source>申请表式样</source>
        <translation>Application form</translation>
    </message>
    <message>
        <source>申请表上的赔付类型</source>
        <translation>Claim type on the form</translation>
    </message>
    <message>
        <source>保障对象</source>
        <translation>Covered by</translation>
    </message>
    <message>
        <source>会员已身故时另需材料</source>
        <translation>Further materials when the member has died</translation>
    </message>
    <message>
        <source>未成年子女：以会员银行卡代替受救助人银行卡</source>
        <translation>Minor child: the member&apos;s bank card instead of the relieved person&apos;s</translation>
    </message>
    <message>
        <source>同一事件只能享受一项</source>
        <translation>One benefit per event</translation>
    </message>
    <message>
        <source>临时职工聘用期须超过（月）</source>
        <translation>Temporary staff: engagement over (months)</translation>
    </message>
</context>
<context>
    <name>PlansTab</name>
    <message>
        <source>待确认</source>
        <translation>To be confirmed</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Section</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>数值</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>修改数值(&amp;C)…</source>
        <translation>&amp;Change value…</translation>
    </message>
    <message>
        <source>导入方案文件…</source>
        <translation>Import plan file…</translation>
    </message>
    <message>
        <source>办事处的新方案或新版本（TOML 文件，格式同程序自带的方案）</source>
        <translation>A new plan or a new version from the office (a TOML file in the format of the plans shipped with the program)</translation>
    </message>
    <message>
        <source>只看待确认</source>
        <translation>Only to be confirmed</translation>
    </message>
    <message>
        <source>新值须与原值同类：数字、整数、日期 YYYY-MM-DD、是/否，或以顿号分隔的列表</source>
        <translation>The new value must be of the old value&apos;s kind: a number, a whole number, a date as YYYY-MM-DD, true or false, or a list separated by commas</translation>
    </message>
    <message>
        <source>只有管理员可以修改方案数值</source>
        <translation>Only an administrator can change a plan&apos;s figures</translation>
    </message>
    <message>
        <source>只列出方案文件中标为待确认（confirmed = false）的数值</source>
        <translation>List only the figures the plan file marks as to be confirmed (confirmed = false)</translation>
    </message>
    <message>
        <source>导入方案文件</source>
        <translation>Import plan file</translation>
    </message>
    <message>
        <source>方案文件 (*.toml)</source>
        <translation>Plan files (*.toml)</translation>
    </message>
    <message>
        <source>已导入：{name}</source>
        <translation>Imported: {name}</translation>
    </message>
    <message>
        <source>{name}
{version} 版</source>
        <translation>{name}
version of {version}</translation>
    </message>
    <message>
        <source>&#x3000;{n} 项待确认</source>
        <translation>, {n} to be confirmed</translation>
    </message>
    <message>
        <source>总体</source>
        <translation>General</translation>
    </message>
    <message>
        <source>{version} 版。来源：{source}</source>
        <translation>Version of {version}. Source: {source}</translation>
    </message>
    <message>
        <source>保障项目：</source>
        <translation>Benefits:</translation>
    </message>
    <message>
        <source>修改数值</source>
        <translation>Change value</translation>
    </message>
    <message>
        <source>本办事处修改记录：</source>
        <translation>Changes made by this office: </translation>
    </message>
    <message>
        <source>本方案使用随程序提供的版本，未做修改。</source>
        <translation>This plan is the version shipped with the program, unchanged.</translation>
    </message>
    <message>
        <source>请先选择方案</source>
        <translation>Choose a plan first</translation>
    </message>
    <message>
        <source>{name}（与原值同类：数字、日期 YYYY-MM-DD、是/否，或以顿号分隔的列表）：</source>
        <translation>{name} (same kind as the old value: a number, a date as YYYY-MM-DD, true or false, or a list separated by commas):</translation>
    </message>
    <message>
        <source>修改依据（如文件号）：</source>
        <translation>Basis for the change (e.g. document no.):</translation>
    </message>
</context>
</TS>
