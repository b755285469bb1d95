<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>修改密码 — {user}</source>
        <translation>Change Password — {user}</translation>
    </message>
    <message>
        <source>这是管理员设置的临时密码或初始密码。请设置只有您自己知道的新密码，才能开始工作。</source>
        <translation>This is a temporary or initial password set by an administrator. Set a new password only you know before you start work.</translation>
    </message>
    <message>
        <source>至少 {n} 个字符；不能是同一字符的重复、常见密码或用户名</source>
        <translation>At least {n} characters; not one character repeated, not a common password, not the user name</translation>
    </message>
    <message>
        <source>当前密码：</source>
        <translation>Current password:</translation>
    </message>
    <message>
        <source>新密码：</source>
        <translation>New password:</translation>
    </message>
    <message>
        <source>再次输入新密码：</source>
        <translation>New password again:</translation>
    </message>
    <message>
        <source>修改密码</source>
        <translation>Change Password</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>两次输入的新密码不一致</source>
        <translation>The two new passwords differ</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>切换用户…</source>
        <translation>Switch User…</translation>
    </message>
    <message>
        <source>已锁定。请输入 {user} 的密码解锁：</source>
        <translation>Locked. Enter {user}&apos;s password to unlock:</translation>
    </message>
    <message>
        <source>请 {seconds} 秒后再试</source>
        <translation>Try again in {seconds} s</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>登录 — {office}</source>
        <translation>Log In — {office}</translation>
    </message>
    <message>
        <source>用户名(&amp;U)：</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <source>密码(&amp;P)：</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Log In</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>请 {seconds} 秒后再试</source>
        <translation>Try again in {seconds} s</translation>
    </message>
    <message>
        <source>须先修改密码</source>
        <translation>The password must be changed first</translation>
    </message>
    <message>
        <source>须先设置新密码才能登录</source>
        <translation>Set a new password to log in</translation>
    </message>
</context>
<context>
    <name>NewUserDialog</name>
    <message>
        <source>新建用户</source>
        <translation>New User</translation>
    </message>
    <message>
        <source>登录用的名称；不分大小写和全角半角，不能含空格</source>
        <translation>The name to log in with; case and full/half width do not matter; no spaces</translation>
    </message>
    <message>
        <source>临时密码：至少 {n} 个字符；该用户首次登录时须改为自己的密码</source>
        <translation>Temporary password: at least {n} characters; the user must replace it at the first login</translation>
    </message>
    <message>
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <source>姓名：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>角色：</source>
        <translation>Role:</translation>
    </message>
    <message>
        <source>临时密码：</source>
        <translation>Temporary password:</translation>
    </message>
    <message>
        <source>再次输入：</source>
        <translation>Again:</translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords differ</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>重设密码 — {user}</source>
        <translation>Reset Password — {user}</translation>
    </message>
    <message>
        <source>临时密码：</source>
        <translation>Temporary password:</translation>
    </message>
    <message>
        <source>再次输入：</source>
        <translation>Again:</translation>
    </message>
    <message>
        <source>该用户下次登录时须改为自己的密码；如已锁定，同时解锁。</source>
        <translation>The user must replace it with their own at the next login; a locked user is unlocked too.</translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords differ</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <source>修改角色 — {user}</source>
        <translation>Change Role — {user}</translation>
    </message>
    <message>
        <source>角色：</source>
        <translation>Role:</translation>
    </message>
</context>
<context>
    <name>UserManagerDialog</name>
    <message>
        <source>用户管理</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>新建用户…</source>
        <translation>New User…</translation>
    </message>
    <message>
        <source>重设密码…</source>
        <translation>Reset Password…</translation>
    </message>
    <message>
        <source>修改角色…</source>
        <translation>Change Role…</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>已锁定（密码错误 {n} 次）</source>
        <translation>Locked ({n} wrong passwords)</translation>
    </message>
    <message>
        <source>正常，须改密码</source>
        <translation>Active, must change password</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
</context>
<context>
    <name>login</name>
    <message>
        <source>用户名或密码错误。已连续 {n} 次错误，该用户名已锁定，请管理员解锁</source>
        <translation>Wrong user name or password. {n} wrong in a row: the name is locked; an administrator must unlock it</translation>
    </message>
    <message>
        <source>用户名或密码错误</source>
        <translation>Wrong user name or password</translation>
    </message>
    <message>
        <source>用户名或密码错误（再错 {left} 次将锁定）</source>
        <translation>Wrong user name or password ({left} more wrong and the name is locked)</translation>
    </message>
    <message>
        <source>密码错误次数过多，请稍候</source>
        <translation>Too many wrong passwords; please wait</translation>
    </message>
    <message>
        <source>该用户名已锁定（连续 {n} 次密码错误），请管理员在“用户管理”中解锁</source>
        <translation>This name is locked ({n} wrong passwords in a row); an administrator can unlock it in Users</translation>
    </message>
    <message>
        <source>该用户已停用，请联系管理员</source>
        <translation>This user is disabled; please ask an administrator</translation>
    </message>
</context>
<context>
    <name>roles</name>
    <message>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>经办员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>审核员</source>
        <translation>Auditor</translation>
    </message>
</context>
</TS>
