#!/usr/bin/env pwsh
# Bootstrapper: ./build.ps1 [Target ...] [--name value ...]   (NUKE's arguments, e.g. --help, --plan, --profile)
# Builds build/_build.csproj with the .NET SDK on PATH and runs it with the arguments given.
$ErrorActionPreference = 'Stop'
$project = Join-Path $PSScriptRoot 'build/_build.csproj'

if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    Write-Error "build.ps1: the .NET SDK is not installed (no 'dotnet' on PATH). Install the .NET 10 SDK first."
    exit 1
}

$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'; $env:DOTNET_NOLOGO = '1'; $env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'; $env:NUKE_TELEMETRY_OPTOUT = '1'

dotnet build $project /nodeReuse:false /p:UseSharedCompilation=false -nologo -clp:NoSummary --verbosity quiet
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
dotnet run --project $project --no-build -- @args
exit $LASTEXITCODE
