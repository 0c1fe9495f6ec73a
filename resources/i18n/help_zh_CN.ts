<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Help</name>
    <message>
        <source>User guide</source>
        <translation>使用指南</translation>
    </message>
    <message>
        <source>Quick start</source>
        <translation>快速上手</translation>
    </message>
    <message>
        <source>Matchmaker</source>
        <translation>红娘</translation>
    </message>
    <message>
        <source>Event organiser</source>
        <translation>活动组织者</translation>
    </message>
    <message>
        <source>Check-in staff</source>
        <translation>签到人员</translation>
    </message>
    <message>
        <source>Privacy officer</source>
        <translation>个人信息保护负责人</translation>
    </message>
    <message>
        <source>Accounts and sign-in</source>
        <translation>账号与登录</translation>
    </message>
    <message>
        <source>Backup and restore</source>
        <translation>备份与恢复</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>xzdesk user guide</source>
        <translation>xzdesk 使用指南</translation>
    </message>
    <message>
        <source>Search the guide</source>
        <translation>搜索使用指南</translation>
    </message>
    <message>
        <source>xzdesk user guide — {page}</source>
        <translation>xzdesk 使用指南 — {page}</translation>
    </message>
</context>
</TS>
