<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>KeysDialog</name>
    <message>
        <source>密钥管理</source>
        <translation>Keys</translation>
    </message>
    <message>
        <source>本机密钥指纹印在本机打印的团体申请表上。对方登记本机的密钥文件时，须核对盖章纸质表上的这一指纹；本机导出的每个批次都用这把密钥签名。</source>
        <translation>This installation&apos;s key fingerprint is printed on the group applications it prints. When a partner registers this installation&apos;s key file, they must check it against this fingerprint on the stamped paper; every batch exported here is signed with this key.</translation>
    </message>
    <message>
        <source>导出本机密钥文件(&amp;E)…</source>
        <translation>&amp;Export This Installation&apos;s Key File…</translation>
    </message>
    <message>
        <source>登记对方密钥(&amp;R)…</source>
        <translation>&amp;Register a Partner&apos;s Key…</translation>
    </message>
    <message>
        <source>指纹</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <source>身份</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>可上报的单位</source>
        <translation>Units it reports for</translation>
    </message>
    <message>
        <source>登记日期</source>
        <translation>Registered on</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>本机密钥指纹：</source>
        <translation>This installation&apos;s key fingerprint:</translation>
    </message>
    <message>
        <source>已登记的密钥：</source>
        <translation>Registered keys:</translation>
    </message>
    <message>
        <source>上级办事处</source>
        <translation>Office above</translation>
    </message>
    <message>
        <source>下级单位</source>
        <translation>Reporting unit</translation>
    </message>
    <message>
        <source>导出本机密钥文件</source>
        <translation>Export This Installation&apos;s Key File</translation>
    </message>
    <message>
        <source>密钥文件 (*.hzbzkey)</source>
        <translation>Key files (*.hzbzkey)</translation>
    </message>
    <message>
        <source>已导出：{path}
请把此文件交给对方，并在盖章的纸质表上注明指纹 {fp}。</source>
        <translation>Exported: {path}
Give this file to the partner and note the fingerprint {fp} on the stamped paper.</translation>
    </message>
</context>
<context>
    <name>PaperDialog</name>
    <message>
        <source>核对纸质表</source>
        <translation>Check Paper Form</translation>
    </message>
    <message>
        <source>输入团体申请表、人员手册或申请审核表右下角的核验码，或用扫码枪扫描旁边的二维码，核对纸质表与导入的批次是否一致。</source>
        <translation>Type the verification code in the bottom right corner of a group application, personnel roster or claim form, or scan the QR code beside it, to check whether the paper agrees with the imported batch.</translation>
    </message>
    <message>
        <source>核验码，如 7K3M-Q9XA-2BCD</source>
        <translation>Verification code, e.g. 7K3M-Q9XA-2BCD</translation>
    </message>
    <message>
        <source>核对(&amp;V)</source>
        <translation>&amp;Verify</translation>
    </message>
    <message>
        <source>无法核对</source>
        <translation>Cannot verify</translation>
    </message>
    <message>
        <source>一致：纸质表与导入的批次相符</source>
        <translation>Agrees: the paper matches the imported batch</translation>
    </message>
    <message>
        <source>不一致：纸质表与导入的批次不符</source>
        <translation>Differs: the paper does not match the imported batch</translation>
    </message>
    <message>
        <source>未找到对应的批次</source>
        <translation>No matching batch found</translation>
    </message>
</context>
<context>
    <name>RegisterKeyDialog</name>
    <message>
        <source>登记对方密钥</source>
        <translation>Register a Partner&apos;s Key</translation>
    </message>
    <message>
        <source>对方导出的 .hzbzkey 密钥文件</source>
        <translation>The .hzbzkey key file the partner exported</translation>
    </message>
    <message>
        <source>选择(&amp;B)…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>照盖章纸质表上印的指纹输入，如 7K3M-Q9XD-2HFT-0C8R</source>
        <translation>Type the fingerprint printed on the stamped paper, e.g. 7K3M-Q9XD-2HFT-0C8R</translation>
    </message>
    <message>
        <source>按双方级别判断</source>
        <translation>Decide by the two levels</translation>
    </message>
    <message>
        <source>上级办事处（本机向它上报）</source>
        <translation>Office above (this installation reports to it)</translation>
    </message>
    <message>
        <source>下级单位（向本机上报）</source>
        <translation>Reporting unit (reports to this installation)</translation>
    </message>
    <message>
        <source>密钥文件：</source>
        <translation>Key file:</translation>
    </message>
    <message>
        <source>纸质表上的指纹：</source>
        <translation>Fingerprint on the paper:</translation>
    </message>
    <message>
        <source>对方名称：</source>
        <translation>Partner&apos;s name:</translation>
    </message>
    <message>
        <source>对方身份：</source>
        <translation>Partner&apos;s role:</translation>
    </message>
    <message>
        <source>核对并登记</source>
        <translation>Check and Register</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>选择对方的密钥文件</source>
        <translation>Choose the Partner&apos;s Key File</translation>
    </message>
    <message>
        <source>密钥文件 (*.hzbzkey);;所有文件 (*)</source>
        <translation>Key files (*.hzbzkey);;All files (*)</translation>
    </message>
    <message>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <source>文件自称：{name}（{level}），单位：{units}</source>
        <translation>The file says: {name} ({level}), units: {units}</translation>
    </message>
    <message>
        <source>单位 {units} 原登记的是另一把密钥，今后只接受这把密钥签名的批次。</source>
        <translation>Unit {units} had another key registered; from now on only batches signed with this key are accepted.</translation>
    </message>
</context>
</TS>
