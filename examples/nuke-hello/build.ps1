#!/usr/bin/env pwsh
# Bootstrapper: ./build.ps1 [Target ...] [--name value ...]   (NUKE's arguments, e.g. --help, --plan, --profile)
# Builds build/_build.csproj with the .NET SDK on PATH and runs it with the arguments given.
$ErrorActionPreference = 'Stop'
# --- The arguments as the caller gave them (this block is the same in every build.ps1) ---
# Started as 'pwsh [-File] build.ps1 ...' (from bash or cmd, as CI runners do, or by the shebang), PowerShell
# splits each '-name:value'-looking argument at its first colon, its own parameter syntax, before $args is
# filled: '--registry=host:5000' would reach the build as '--registry=host' '5000'. So then they are read from
# the process's command line, after this script's path. Called from PowerShell (a prompt, -Command, another
# script), $args holds what PowerShell parsed; a '-name:' it bound to the next token (its '-name:value', which
# it marks with a '<CommandParameterName>' note and drops when splatting to a program) is joined back to it.
$PSNativeCommandArgumentPassing = 'Standard' # each argument reaches dotnet as one, with its quotes, even empty
$arguments = [Collections.Generic.List[string]]::new()
$commandLine = [Environment]::GetCommandLineArgs()
$scriptAt = -1 # where this script's path is in the process's command line; -1: not started by pwsh as its file
if (-not $MyInvocation.Line) {
    for ($i = 1; $scriptAt -lt 0 -and $i -lt $commandLine.Count; $i++) {
        try { if ([IO.Path]::GetFullPath($commandLine[$i]) -eq $PSCommandPath) { $scriptAt = $i } } catch { } # not a path
    }
}
if ($scriptAt -ge 0) {
    for ($i = $scriptAt + 1; $i -lt $commandLine.Count; $i++) { $arguments.Add($commandLine[$i]) }
} else {
    for ($i = 0; $i -lt $args.Count; $i++) {
        $argument = "$($args[$i])"
        if ($argument.EndsWith(':') -and $null -ne $args[$i].PSObject.Properties['<CommandParameterName>'] -and $i + 1 -lt $args.Count) {
            $i++
            $argument += "$($args[$i])"
        }
        $arguments.Add($argument)
    }
}
# --- end of the arguments ---
$project = Join-Path $PSScriptRoot 'build/_build.csproj'

if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    Write-Error "build.ps1: the .NET SDK is not installed (no 'dotnet' on PATH). Install the .NET 10 SDK first."
    exit 1
}

$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'; $env:DOTNET_NOLOGO = '1'; $env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'; $env:NUKE_TELEMETRY_OPTOUT = '1'

dotnet build $project /nodeReuse:false /p:UseSharedCompilation=false -nologo -clp:NoSummary --verbosity quiet
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
dotnet run --project $project --no-build -- @arguments
exit $LASTEXITCODE
