#!/usr/bin/env pwsh
# Bootstrapper: ./build.ps1 [Target] [--name=value ...]   (default target: Publish)
# Checks for the .NET SDK, restores the pinned Cake.Tool and runs build.cake.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
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
Set-Location -LiteralPath $PSScriptRoot

if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    Write-Error "build.ps1: the .NET SDK is not installed (no 'dotnet' on PATH). Install the .NET 10 SDK first."
    exit 1
}

$target = 'Publish'
$rest = $arguments
if ($rest.Count -gt 0 -and -not $rest[0].StartsWith('-')) {
    $target = $rest[0]
    $rest.RemoveAt(0)
}

$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'
if (-not $env:CAKE_SETTINGS_ENABLESCRIPTCACHE) { $env:CAKE_SETTINGS_ENABLESCRIPTCACHE = 'true' }

# Cake runs as PowerShell's direct child, from the Cake.dll the SDK's tool resolver cache names for the
# pinned version: 'dotnet cake' would put the SDK's tool runner between (~0.13 s more a run). The restore
# (~0.3 s) runs only when the cache names none: the package alone in the NuGet folder is not a restored
# tool (the solution's build downloads it, as the addin reads Cake.Core from it).
$cakeVersion = (Get-Content -Raw .config/dotnet-tools.json | ConvertFrom-Json).tools.'cake.tool'.version
$cliHome = if ($env:DOTNET_CLI_HOME) { $env:DOTNET_CLI_HOME } else { [Environment]::GetFolderPath('UserProfile') }
function Get-CakeDll {
    if (-not $cakeVersion) { return $null }
    @(Get-ChildItem -Path (Join-Path $cliHome '.dotnet/toolResolverCache/*/cake.tool') -ErrorAction SilentlyContinue |
        ForEach-Object { Get-Content -Raw -LiteralPath $_.FullName | ConvertFrom-Json } |
        Where-Object { $_.Version -eq $cakeVersion } | ForEach-Object { $_.PathToExecutable }) | Select-Object -First 1
}
$cakeDll = Get-CakeDll
if (-not $cakeDll -or -not (Test-Path -LiteralPath $cakeDll)) {
    & dotnet tool restore | Out-Null
    if ($LASTEXITCODE -ne 0) { Write-Error "build.ps1: 'dotnet tool restore' failed (see above)"; exit 1 }
    $cakeDll = Get-CakeDll
}
# Cake.Tool ships IL only, so every run JIT-compiled Cake, Spectre.Console and NuGet's client again (~0.3 s of CPU
# a run). Once per Cake version, build/CakeReadyToRun.csproj publishes a ReadyToRun copy into tools/ (~1 min of CPU,
# once) and Cake runs from it. Off where CI is set (a fresh job would pay the compile for one run) unless
# CAKE_READYTORUN=true (a CI that caches tools/); CAKE_READYTORUN=false turns it off. A failed publish runs the IL.
function Get-ReadyToRunCakeDll([string] $ilCakeDll) {
    $arch = [Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString().ToLowerInvariant()
    $os = if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
    if ($arch -notin @('x64', 'arm64')) { return $ilCakeDll }
    $folder = Join-Path $PSScriptRoot "tools/cake-readytorun/$cakeVersion-$os-$arch"
    if (-not (Test-Path -LiteralPath (Join-Path $folder 'Cake.dll'))) {
        [Console]::Error.WriteLine("build.ps1: compiling Cake $cakeVersion ReadyToRun into tools/ once (CAKE_READYTORUN=false to skip)")
        $parent = Split-Path -Parent $folder
        New-Item -ItemType Directory -Force -Path $parent | Out-Null
        $staging = Join-Path $parent ".staging.$([Guid]::NewGuid().ToString('N').Substring(0, 8))"
        & dotnet publish (Join-Path $PSScriptRoot 'build/CakeReadyToRun.csproj') -r "$os-$arch" -o $staging "-p:CakeToolDirectory=$(Split-Path -Parent $ilCakeDll)/" `
            -nologo -verbosity:quiet -consoleLoggerParameters:NoSummary -nodeReuse:false -p:UseSharedCompilation=false | ForEach-Object { [Console]::Error.WriteLine($_) }
        if ($LASTEXITCODE -eq 0 -and -not (Test-Path -LiteralPath $folder)) {
            try { Move-Item -LiteralPath $staging -Destination $folder } catch { } # another build's copy landed first
        }
        if (Test-Path -LiteralPath $staging) { Remove-Item -Recurse -Force -LiteralPath $staging }
    }
    $r2r = Join-Path $folder 'Cake.dll'
    if (Test-Path -LiteralPath $r2r) { return $r2r } else { return $ilCakeDll }
}
# --- Cake's bootstrap pass (this block is the same in every Cake example's build.ps1) ---
# Cake's bootstrap pass reads the script a second time, resolving its #load packages again, only to install the modules
# that #module directives name (~0.04 s a run). It is skipped (--skip-bootstrap) when it has nothing to do: no .cake file
# git knows here (tracked, or new and not ignored) nor any script of a package installed in tools/ names a #module, and
# every package a #load names is installed there. Outside a git work tree, or with CAKE_SKIP_BOOTSTRAP=false, it runs.
function Test-BootstrapNeeded([string[]] $cakeArguments) {
    if ($env:CAKE_SKIP_BOOTSTRAP -eq 'false') { return $true }
    foreach ($argument in $cakeArguments) {
        if ($argument -ceq '--bootstrap' -or $argument -ceq '--skip-bootstrap' -or $argument.StartsWith('--skip-bootstrap=', 'Ordinal')) { return $true }
    }
    try { $listed = @(& git -c core.quotePath=false ls-files --cached --others --exclude-standard -- '*.cake' 2>$null) } catch { return $true } # no git
    if ($LASTEXITCODE -ne 0 -or $listed.Count -eq 0) { return $true } # no work tree
    $scripts = [Collections.Generic.List[string]]::new()
    foreach ($name in $listed) {
        if ($name.StartsWith('"')) { return $true } # a name git must quote: not read here, so not known to name no module
        $path = Join-Path $PSScriptRoot $name
        if (Test-Path -LiteralPath $path -PathType Leaf) { $scripts.Add($path) }
    }
    $tools = Join-Path $PSScriptRoot 'tools'
    $installed = @(if (Test-Path -LiteralPath $tools -PathType Container) { Get-ChildItem -LiteralPath $tools -Directory | ForEach-Object Name })
    foreach ($package in $installed) {
        if ($package -cin @('Addins', 'Modules', 'cache', 'cake-readytorun')) { continue }
        foreach ($file in Get-ChildItem -LiteralPath (Join-Path $tools $package) -Recurse -File -Filter '*.cake') { $scripts.Add($file.FullName) }
    }
    if ($scripts.Count -eq 0) { return $true }
    $loaded = [Collections.Generic.List[string]]::new()
    foreach ($script in $scripts) {
        foreach ($line in [IO.File]::ReadLines($script)) {
            if ($line -cmatch '^\s*#module(\s|$)') { return $true }
            if ($line -cmatch '^\s*#l(oad)?\s+"?nuget:[^"\s]*[?&]package=([^&"\s]+)') { $loaded.Add($Matches[2]) }
        }
    }
    foreach ($package in $loaded) {
        # tools/<id>.<version> as Cake installs it, the id in any case
        $pattern = '^' + [Regex]::Escape($package) + '(\.[0-9].*)?$'
        if (-not @($installed | Where-Object { $_ -imatch $pattern }).Count) { return $true }
    }
    return $false
}
$bootstrap = @(if (-not (Test-BootstrapNeeded $rest)) { '--skip-bootstrap' })
# --- end of the bootstrap pass ---
if ($cakeDll -and (Test-Path -LiteralPath $cakeDll)) {
    $readyToRun = if ($env:CAKE_READYTORUN) { $env:CAKE_READYTORUN } elseif ($env:CI) { 'false' } else { 'true' }
    if ($readyToRun -eq 'true') { $cakeDll = Get-ReadyToRunCakeDll $cakeDll }
    & dotnet $cakeDll build.cake "--target=$target" @bootstrap @rest
} else {
    & dotnet cake build.cake "--target=$target" @bootstrap @rest
}
exit $LASTEXITCODE
