@echo off
rem Double-click this file to build every year of the project: it runs
rem "ipfund.exe build" in this folder, then waits for a key so that the
rem messages can be read before the window closes.
rem
rem This file is plain ASCII on purpose. cmd.exe reads a .cmd file in the
rem console's OEM code page (936, GBK, on Chinese Windows; 437 or others
rem elsewhere), so Chinese text here would show garbled on some machines.
rem Every Chinese message comes from ipfund.exe, which writes Unicode to
rem the console. Keep this file ASCII when editing it.
setlocal
cd /d "%~dp0"
set "IPFUND="
if exist "ipfund.exe" set "IPFUND=ipfund.exe"
if not defined IPFUND if exist "bin\ipfund.exe" set "IPFUND=bin\ipfund.exe"
if not defined IPFUND if /i "%PROCESSOR_ARCHITECTURE%"=="ARM64" if exist "dist\ipfund-windows-arm64.exe" set "IPFUND=dist\ipfund-windows-arm64.exe"
if not defined IPFUND if exist "dist\ipfund-windows-amd64.exe" set "IPFUND=dist\ipfund-windows-amd64.exe"
if not defined IPFUND for %%p in (ipfund.exe) do set "IPFUND=%%~$PATH:p"
if not defined IPFUND goto missing
"%IPFUND%" build
set "CODE=%ERRORLEVEL%"
echo.
pause
exit /b %CODE%

:missing
echo ipfund.exe was not found in %CD%
echo Put ipfund.exe (from "make dist", or from a colleague) next to this file.
echo See README.md, section Windows.
echo.
pause
exit /b 3
