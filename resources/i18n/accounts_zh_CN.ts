<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountTableModel</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>District</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City-wide</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Accounts</name>
    <message>
        <source>This computer already has an administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody can give themselves the privacy officer or auditor role: the administrator creates those accounts for someone else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account is open again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two entries differ. Type the same password twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your working account needs a user name of its own, not the administrator&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Very weak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is one of the passwords people use most.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is a sequence such as abc, 123 or a row of keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It repeats the same characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dates and years are easy to guess.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It contains your name or user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add more words or characters that do not belong together.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No password yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Must change password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City-wide (Federation)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <source>Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone who works on this computer has an account of their own. New accounts get a temporary password that the person changes at the first sign-in. Nobody changes their own role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New account…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is your own account: change your password under File → Change password. Your role can only be changed by another administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account {username} was created. Give the temporary password to the person yourself: {password}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password of {name} was reset. Give the temporary password to the person yourself: {password}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the account of {name}? They can no longer sign in on this computer. Their past work and the audit log keep their name. You can reopen the account later.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>The administrator of this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first account is the local administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The administrator creates the accounts of everyone who works on this computer, gives them their roles, resets forgotten passwords and unlocks locked accounts. The administrator account does nothing else: it cannot open case files. Usually the office head or the person who installs xzdesk holds it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your password was set by the administrator. Choose your own password now: only you should know it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Setting up xzdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop setting up? Nothing has been saved; xzdesk will close. You can set it up the next time it starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the accounts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the encrypted database…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewAccountDialog</name>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>District</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New account</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewPasswordFields</name>
    <message>
        <source>Show what I type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strength</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two entries differ. Type the same text twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strength: {word}. Not accepted: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strength: {word}. The second entry differs from the first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strength: {word}. Now type it again below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strength: {word}. Accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At least {n} characters. A short sentence of several words is strong and easy to remember.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At least {n} characters, not your name, not a common password.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OwnAccountPage</name>
    <message>
        <source>Your own working account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: if you also work with case files, events or check-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone signs in with an account of their own, so the audit log shows who did what. If you will also work on this computer (as a matchmaker, for example), create your working account now; the administrator account is then kept for managing accounts. The privacy officer and auditor roles cannot be given to oneself: the administrator creates those accounts for the people who hold them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create my working account now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>District</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PassphrasePage</name>
    <message>
        <source>Database passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer has no secure keyring, so the database is locked with a passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase encrypts the case files stored on this computer. It is asked for every time xzdesk starts. It is never written anywhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If the passphrase is lost, the data on this computer cannot be recovered by anyone — not by the union, not by the developers. Write it down and keep it in a locked place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I understand: a lost passphrase means lost data.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>Reset the password of {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This also unlocks the account.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <source>Role of {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>District</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionController</name>
    <message>
        <source>Switch user…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit xzdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch user</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>city-wide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone works under their own account, so the audit log shows who did what.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo database: every demo account&apos;s password is {password}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After {n} more wrong passwords the account locks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait {seconds} s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Unlock the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer has no secure keyring, so its database is locked with the passphrase chosen when xzdesk was set up. Type it to open the case files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase was wrong. {left} tries left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database passphrase</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to the Xuzhou Union Matchmaker workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>xzdesk keeps the members&apos; case files, events, check-ins and introductions of your office on this computer. Everything is stored in one encrypted database file; nothing is sent anywhere until you connect to the union server under 同步 (Sync).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data folder of this computer:
{folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting up takes three short steps:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>• a passphrase that locks the database file on this computer;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>• the administrator account, which creates everyone else&apos;s accounts;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>• if you also work with the case files, your own working account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting up takes two short steps:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is saved until you press Create on the last page.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_AccountForm</name>
    <message>
        <source>e.g. wangfang (letters, digits, . - _)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name shown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_FormDialog</name>
    <message>
        <source>Make another</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temporary password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give it to the person yourself. They must change it when they first sign in.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
