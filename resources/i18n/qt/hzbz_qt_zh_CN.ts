<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt 6 texts that Qt's own qtbase_zh_CN.qm leaves in English (its strings gained a mnemonic).
     Compiled by scripts/i18n.sh into hzbz_qt_zh_CN.qm, loaded after qtbase_zh_CN.qm. -->
<TS version="2.1" language="zh_CN">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
</TS>
