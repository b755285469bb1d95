<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>SettingsDialog</name>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>界面与默认</source>
        <translation>Interface and defaults</translation>
    </message>
    <message>
        <source>办事处资料</source>
        <translation>Office profile</translation>
    </message>
    <message>
        <source>节假日</source>
        <translation>Holidays</translation>
    </message>
    <message>
        <source>打印与印章</source>
        <translation>Printing and seal</translation>
    </message>
    <message>
        <source>只有管理员可以修改设置；以下为当前设置，仅供查看。</source>
        <translation>Only an administrator can change settings; the current settings are shown read-only.</translation>
    </message>
    <message>
        <source>必填：本办事处（或工会、代办处）的全称，显示在窗口标题上</source>
        <translation>Required: the full name of this office (or union, agency office); shown in the window title</translation>
    </message>
    <message>
        <source>基层工会的印章盖在“单位（盖章）”处；代办处、办事处的印章盖在“办事处意见（盖章）”处</source>
        <translation>A unit&apos;s seal goes in the &quot;unit (seal)&quot; place; an agency or branch office&apos;s seal goes in the &quot;office opinion (seal)&quot; place</translation>
    </message>
    <message>
        <source>选填：所在地区，如“威海市”</source>
        <translation>Optional: the region, e.g. Weihai</translation>
    </message>
    <message>
        <source>名称：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>级别：</source>
        <translation>Level:</translation>
    </message>
    <message>
        <source>地区：</source>
        <translation>Region:</translation>
    </message>
    <message>
        <source>界面文字的语言；重新启动程序后生效。打印的表格始终为中文</source>
        <translation>Language of the interface; takes effect after a restart. Printed forms are always in Chinese</translation>
    </message>
    <message>
        <source>（第一个计划）</source>
        <translation>(first plan)</translation>
    </message>
    <message>
        <source>参保缴费页启动时选中的保障计划</source>
        <translation>The plan selected on the Enrollment tab at start</translation>
    </message>
    <message>
        <source>启动时选中的期数；“最新一期”随新建期数自动变化</source>
        <translation>The coverage period selected at start; &quot;latest period&quot; follows newly created periods</translation>
    </message>
    <message>
        <source>（默认：数据文件夹下的 backups）</source>
        <translation>(default: backups in the data folder)</translation>
    </message>
    <message>
        <source>启动和退出时的自动备份存放在这里；须是已存在的文件夹，最好在另一块硬盘上</source>
        <translation>Automatic backups at start and exit go here; must be an existing folder, best on another disk</translation>
    </message>
    <message>
        <source>界面语言：</source>
        <translation>Language:</translation>
    </message>
    <message>
        <source>默认保障计划：</source>
        <translation>Default plan:</translation>
    </message>
    <message>
        <source>默认期数：</source>
        <translation>Default coverage period:</translation>
    </message>
    <message>
        <source>备份文件夹：</source>
        <translation>Backup folder:</translation>
    </message>
    <message>
        <source>选择备份文件夹</source>
        <translation>Choose backup folder</translation>
    </message>
    <message>
        <source>一人办事处：批准人也可以登记同一理赔的支付</source>
        <translation>One-person office: the approver may also record the claim&apos;s payment</translation>
    </message>
    <message>
        <source>默认批准人不能登记自己批准的理赔的支付；只有一名经办人员的办事处可放宽此项，修改记入审计日志</source>
        <translation>By default whoever approved a claim may not record its payment; an office with a single clerk may relax this. Changes are written to the audit log</translation>
    </message>
    <message>
        <source>职责分离：</source>
        <translation>Separation of duties:</translation>
    </message>
    <message>
        <source>计算“10 个工作日内支付”等期限时使用。程序已知 2004–2026 年的法定节假日和调休；其他年份或本地另行放假时在此填写，每行一个日期：
  2027-01-01 元旦&#x3000;&#x3000;（放假）
  2027-02-07 上班 春节调休&#x3000;&#x3000;（调休上班）
“#”之后为注释。保存时逐行检查。</source>
        <translation>Used to work out deadlines such as &quot;paid within 10 working days&quot;. The program knows the official holidays and make-up working days of 2004–2026; for other years, or local days off, enter one date a line:
  2027-01-01 New Year    (holiday)
  2027-02-07 上班 Spring Festival make-up    (working day)
Text after &quot;#&quot; is a comment. Each line is checked when you save.</translation>
    </message>
    <message>
        <source>每行 YYYY-MM-DD [说明] 为放假；YYYY-MM-DD 上班 [说明] 为调休上班</source>
        <translation>Each line YYYY-MM-DD [note] is a holiday; YYYY-MM-DD 上班 [note] is a make-up working day</translation>
    </message>
    <message>
        <source>打印团体申请表的份数（1–{n}）</source>
        <translation>Copies of the group application to print (1–{n})</translation>
    </message>
    <message>
        <source>打印人员手册的份数（1–{n}）；表格注明“此表一式三份”</source>
        <translation>Copies of the personnel roster to print (1–{n}); the form says &quot;in triplicate&quot;</translation>
    </message>
    <message>
        <source>本处留存的是第几联：印章图片只印在这一联上</source>
        <translation>Which copy this office keeps: the seal image is printed on that copy only</translation>
    </message>
    <message>
        <source>生成 PDF 后打开打印预览（从预览选择打印机、份数、页码和双面）</source>
        <translation>Open the print preview after making a PDF (choose printer, copies, pages and duplex from it)</translation>
    </message>
    <message>
        <source>本处留存第几联：</source>
        <translation>Copy this office keeps:</translation>
    </message>
    <message>
        <source>（默认：上次保存的位置）</source>
        <translation>(default: where you last saved)</translation>
    </message>
    <message>
        <source>保存 PDF 时对话框首先打开的文件夹；须是已存在的文件夹</source>
        <translation>The folder the save dialog opens first for PDFs; must be an existing folder</translation>
    </message>
    <message>
        <source>选择印章图片…</source>
        <translation>Choose seal image…</translation>
    </message>
    <message>
        <source>PNG（最好透明背景）或 JPEG，至少 100×100 像素，不超过 2 MB</source>
        <translation>PNG (best with a transparent background) or JPEG, at least 100×100 pixels, at most 2 MB</translation>
    </message>
    <message>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>在本处留存联的盖章处印上印章图片</source>
        <translation>Print the seal image in the stamp place of this office&apos;s own copy</translation>
    </message>
    <message>
        <source>只印在本处留存的那一联；上报和交给单位的各联仍须加盖实物印章</source>
        <translation>Only on the copy this office keeps; copies sent up or given to units still need the real seal</translation>
    </message>
    <message>
        <source>团体申请表份数：</source>
        <translation>Group application copies:</translation>
    </message>
    <message>
        <source>人员手册份数：</source>
        <translation>Personnel roster copies:</translation>
    </message>
    <message>
        <source>PDF 保存位置：</source>
        <translation>Save PDFs in:</translation>
    </message>
    <message>
        <source>选择 PDF 保存位置</source>
        <translation>Choose where to save PDFs</translation>
    </message>
    <message>
        <source>印章图片：</source>
        <translation>Seal image:</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>（最新一期）</source>
        <translation>(latest period)</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>无法读取文件“{path}”：{reason}</source>
        <translation>Cannot read the file &quot;{path}&quot;: {reason}</translation>
    </message>
    <message>
        <source>选择印章图片</source>
        <translation>Choose seal image</translation>
    </message>
    <message>
        <source>图片 (*.png *.jpg *.jpeg)</source>
        <translation>Images (*.png *.jpg *.jpeg)</translation>
    </message>
</context>
</TS>
