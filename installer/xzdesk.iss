; Inno Setup 6 script for xzdesk (徐州工会红娘 桌面工作台).
;
; Built by installer/build.py on Windows, which passes the version and paths:
;   ISCC /DAppVersion=0.1.0 /DBundleDir=...\dist\xzdesk /DIconFile=...\xzdesk.ico /DOutputDir=...\dist xzdesk.iss
; (plus /DSign /Sxzsign=... when XZDESK_SIGN_COMMAND is set).
;
; - Per-user install by default: no administrator rights, program in %LOCALAPPDATA%\Programs\xzdesk.
;   IT can install for all users with `setup.exe /ALLUSERS` (then it needs administrator rights).
; - Chinese wizard (our own messages in xzdesk-zh_CN.isl over Inno's English ones) or English.
; - Start-menu shortcuts for the app and for the demo database; an optional desktop shortcut.
; - An upgrade replaces the program folder as a whole; user data is elsewhere and stays. The app
;   backs the database up and migrates it on its first start after the upgrade.
; - Uninstall keeps the user's data (XZDESK_HOME, else %LOCALAPPDATA%\xzdesk) unless the user
;   ticks "delete my data" (silent uninstall: only with /DELETEDATA).

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef BundleDir
  #define BundleDir "dist\xzdesk"
#endif
#ifndef IconFile
  #define IconFile "build\xzdesk\generated\icon\xzdesk.ico"
#endif
#ifndef OutputDir
  #define OutputDir "dist"
#endif

[Setup]
; Never change AppId: Windows finds the installed copy to upgrade or uninstall by it.
AppId={{380D1448-D98F-4245-B609-131433F0AD05}
AppName={cm:AppName}
AppVersion={#AppVersion}
AppVerName={cm:AppName} {#AppVersion}
AppPublisher=Xuzhou Federation of Trade Unions
AppCopyright=Xuzhou Federation of Trade Unions
DefaultDirName={autopf}\xzdesk
DisableProgramGroupPage=yes
DisableDirPage=auto
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=xzdesk-{#AppVersion}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\xzdesk.exe
UninstallDisplayName={cm:AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
LanguageDetectionMethod=uilanguage
CloseApplications=yes
RestartApplications=no
#ifdef Sign
SignTool=xzsign
SignedUninstaller=yes
#endif

[Languages]
; The first language is used when the Windows display language matches neither.
Name: "zh"; MessagesFile: "compiler:Default.isl,xzdesk-zh_CN.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
zh.AppName=徐州工会红娘 桌面工作台
en.AppName=Xuzhou Union Matchmaker (xzdesk)
zh.DemoShortcut=徐州工会红娘（演示数据）
en.DemoShortcut=Xuzhou Union Matchmaker (demo data)
zh.DemoComment=使用演示数据库（虚构会员）练习
en.DemoComment=Practise on the demo database (synthetic members)
zh.DataKeptText=xzdesk 的数据（加密数据库、备份、日志和设置）保存在：%n%1%n%n默认保留这些数据，重新安装后可以继续使用。
en.DataKeptText=xzdesk's data (encrypted databases, backups, logs and settings) is kept in:%n%1%n%nIt stays there by default, so a later installation carries on with it.
zh.DeleteDataCheck=同时删除我的数据(&D)
en.DeleteDataCheck=&Delete my data as well
zh.DeleteDataConfirm=确定要删除 %1 中的全部 xzdesk 数据吗？%n%n尚未同步到工会服务器的会员档案将永久丢失，无法恢复。
en.DeleteDataConfirm=Really delete all xzdesk data in %1?%n%nCase files not yet synchronised with the union server are lost for good.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade must not mix libraries of two versions: remove the old bundle before copying the new one.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; The fonts' licences and the third-party list, where a reader looks for them.
Source: "{#BundleDir}\_internal\resources\fonts\LICENSE-Apache-2.0.txt"; DestDir: "{app}\licences\fonts"; Flags: ignoreversion
Source: "{#BundleDir}\_internal\resources\fonts\COPYRIGHT-*.txt"; DestDir: "{app}\licences\fonts"; Flags: ignoreversion
Source: "{#BundleDir}\_internal\licences\THIRD-PARTY.txt"; DestDir: "{app}\licences"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\{cm:AppName}"; Filename: "{app}\xzdesk.exe"; WorkingDir: "{app}"
Name: "{autoprograms}\{cm:DemoShortcut}"; Filename: "{app}\xzdesk.exe"; Parameters: "--demo"; WorkingDir: "{app}"; Comment: "{cm:DemoComment}"
Name: "{autodesktop}\{cm:AppName}"; Filename: "{app}\xzdesk.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\xzdesk.exe"; Description: "{cm:LaunchProgram,{cm:AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Anything the program may have written beside itself; never the user's data folder.
Type: filesandordirs; Name: "{app}\_internal"
Type: dirifempty; Name: "{app}"

[Code]
var
  DeleteUserData: Boolean;

{ Where xzdesk keeps its data: XZDESK_HOME, else platformdirs' user data dir (%LOCALAPPDATA%\xzdesk). }
function XzDataDir(): String;
begin
  Result := GetEnv('XZDESK_HOME');
  if Result = '' then
    Result := ExpandConstant('{localappdata}\xzdesk');
end;

{ The choice form: the data is kept unless the box is ticked. False when the user cancels. }
function AskAboutUserData(const Dir: String): Boolean;
var
  Form: TSetupForm;
  Info: TNewStaticText;
  Check: TNewCheckBox;
  OkButton, CancelButton: TNewButton;
begin
#if Ver >= EncodeVer(6, 6, 0)
  Form := CreateCustomForm(ScaleX(440), ScaleY(200), False, True);
#else
  Form := CreateCustomForm();
  Form.ClientWidth := ScaleX(440);
  Form.ClientHeight := ScaleY(200);
#endif
  try
    Form.Caption := CustomMessage('AppName');

    Info := TNewStaticText.Create(Form);
    Info.Parent := Form;
    Info.AutoSize := False;
    Info.WordWrap := True;
    Info.Left := ScaleX(12);
    Info.Top := ScaleY(12);
    Info.Width := Form.ClientWidth - ScaleX(24);
    Info.Height := ScaleY(100);
    Info.Caption := FmtMessage(CustomMessage('DataKeptText'), [Dir]);

    Check := TNewCheckBox.Create(Form);
    Check.Parent := Form;
    Check.Left := ScaleX(12);
    Check.Top := Info.Top + Info.Height + ScaleY(8);
    Check.Width := Form.ClientWidth - ScaleX(24);
    Check.Height := ScaleY(20);
    Check.Caption := CustomMessage('DeleteDataCheck');
    Check.Checked := False;

    OkButton := TNewButton.Create(Form);
    OkButton.Parent := Form;
    OkButton.Caption := SetupMessage(msgButtonOK);
    OkButton.Width := ScaleX(80);
    OkButton.Height := ScaleY(24);
    OkButton.Left := Form.ClientWidth - ScaleX(80 + 8 + 80 + 12);
    OkButton.Top := Form.ClientHeight - ScaleY(24 + 12);
    OkButton.ModalResult := mrOk;
    OkButton.Default := True;

    CancelButton := TNewButton.Create(Form);
    CancelButton.Parent := Form;
    CancelButton.Caption := SetupMessage(msgButtonCancel);
    CancelButton.Width := ScaleX(80);
    CancelButton.Height := ScaleY(24);
    CancelButton.Left := Form.ClientWidth - ScaleX(80 + 12);
    CancelButton.Top := OkButton.Top;
    CancelButton.ModalResult := mrCancel;
    CancelButton.Cancel := True;

    Form.ActiveControl := OkButton;
    Result := Form.ShowModal() = mrOk;
    if Result and Check.Checked then
      DeleteUserData := MsgBox(FmtMessage(CustomMessage('DeleteDataConfirm'), [Dir]),
                               mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
  finally
    Form.Free();
  end;
end;

function InitializeUninstall(): Boolean;
begin
  Result := True;
  DeleteUserData := False;
  if UninstallSilent() then
    DeleteUserData := Pos('/DELETEDATA', Uppercase(GetCmdTail())) > 0
  else if DirExists(XzDataDir()) then
    Result := AskAboutUserData(XzDataDir());
end;

{ The default folder belongs to xzdesk and goes as a whole. A folder chosen with XZDESK_HOME may hold
  other things: only what xzdesk writes there is removed, and the folder itself only when empty. }
procedure DeleteXzData(const Dir: String);
begin
  if GetEnv('XZDESK_HOME') = '' then
    DelTree(Dir, True, True, True)
  else begin
    DelTree(Dir + '\xzdesk.db*', False, True, False);
    DelTree(Dir + '\demo.db*', False, True, False);
    DeleteFile(Dir + '\settings.json');
    DelTree(Dir + '\backups', True, True, True);
    DelTree(Dir + '\logs', True, True, True);
    RemoveDir(Dir);
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and DeleteUserData then
    DeleteXzData(XzDataDir());
end;
