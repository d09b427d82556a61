; Inno Setup script: the Windows installer around the PyInstaller one-folder bundle.
; NOT RUN HERE (no Windows on the development machines); the CI release workflow runs it on windows-latest:
;   pyinstaller --noconfirm packaging/pyinstaller/degoogle.spec      -> dist\degoogle\
;   iscc /DVersion=0.1.0 /DDist=dist\degoogle packaging\windows\degoogle.iss
; The installer is then signed (README, "Release"): an unsigned one is blocked by Smart App Control.

#ifndef Version
  #define Version "0.1.0"
#endif
#ifndef Dist
  #define Dist "..\..\dist\degoogle"
#endif

[Setup]
; a fixed GUID: Windows recognises upgrades and the uninstaller by it; never change it
AppId={{6B0E5C1D-2F4A-4C9B-9E1A-7D3C8F2A4B61}
AppName=degoogle
AppVersion={#Version}
AppPublisher=degoogle developers
AppPublisherURL=https://github.com/degoogle/degoogle
DefaultDirName={autopf}\degoogle
DefaultGroupName=degoogle
; per-user install by default: no administrator rights needed (a helper on the phone can guide it)
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
LicenseFile=..\..\LICENSE
OutputBaseFilename=degoogle-{#Version}-setup
SetupIconFile=degoogle.ico
UninstallDisplayIcon={app}\degoogle-wizard.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"
Name: "nl"; MessagesFile: "compiler:Languages\Dutch.isl"

[Files]
Source: "{#Dist}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\degoogle"; Filename: "{app}\degoogle-wizard.exe"
Name: "{group}\degoogle (practice)"; Filename: "{app}\degoogle-wizard.exe"; Parameters: "practice"
Name: "{autodesktop}\degoogle"; Filename: "{app}\degoogle-wizard.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Run]
Filename: "{app}\degoogle-wizard.exe"; Description: "{cm:LaunchProgram,degoogle}"; Flags: nowait postinstall skipifsilent
