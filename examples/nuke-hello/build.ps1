#!/usr/bin/env pwsh
# Bootstrapper: ./build.ps1 [Target ...] [--name value ...]   (NUKE's arguments, e.g. --help, --plan, --profile)
# Builds build/_build.csproj with the .NET SDK on PATH when its inputs changed, and runs it with the arguments given.
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
$root = $PSScriptRoot
$project = Join-Path $root 'build/_build.csproj'
# The last successful build: its dll's path, then a SHA-256 of each input and of the dll (build.sh writes the same).
$stamp = Join-Path $root '.nuke/temp/build-project.stamp'

if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    Write-Error "build.ps1: the .NET SDK is not installed (no 'dotnet' on PATH). Install the .NET 10 SDK first."
    exit 1
}

$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'; $env:DOTNET_NOLOGO = '1'; $env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'; $env:NUKE_TELEMETRY_OPTOUT = '1'

# What the build is made of, relative to the root and sorted: build/ (not bin/, obj/), the root's SDK, MSBuild and
# NuGet files, and the packages in each local folder a nuget.config names as a source (a package packed again
# under the same version changes nothing else). The same paths as build.sh's, so either host reads the other's stamp.
function Get-InputFiles {
    $all = [IO.SearchOption]::AllDirectories
    foreach ($file in [IO.Directory]::EnumerateFiles((Join-Path $root 'build'), '*', $all)) {
        $relative = [IO.Path]::GetRelativePath($root, $file).Replace('\', '/')
        if (-not ($relative.Split('/') | Where-Object { $_ -ceq 'bin' -or $_ -ceq 'obj' })) { $relative }
    }
    $rootFiles = 'global.json', 'nuget.config', 'directory.build.props', 'directory.build.targets', 'directory.packages.props'
    [IO.Directory]::EnumerateFiles($root) | ForEach-Object { [IO.Path]::GetFileName($_) } | Where-Object { $_ -in $rootFiles }
    foreach ($folder in '.', 'build') {
        $configs = [IO.Directory]::EnumerateFiles((Join-Path $root $folder)) | Where-Object { [IO.Path]::GetFileName($_) -ieq 'nuget.config' }
        foreach ($config in $configs) {
            $inSources = $false
            foreach ($line in [IO.File]::ReadAllLines($config)) {
                if ($line -match '<packageSources>') { $inSources = $true }
                if ($inSources -and $line -match '.*<add [^>]*value="([^"]*)"') {
                    $value = $Matches[1].TrimEnd('/')
                    if (-not $value.Contains('://')) {
                        $source = if ([IO.Path]::IsPathRooted($value)) { $value } else { "$folder/$value" }
                        $full = if ([IO.Path]::IsPathRooted($source)) { $source } else { Join-Path $root $source }
                        if ([IO.Directory]::Exists($full)) {
                            foreach ($package in [IO.Directory]::EnumerateFiles($full, '*.nupkg', $all)) {
                                "$source/" + [IO.Path]::GetRelativePath($full, $package).Replace('\', '/')
                            }
                        }
                    }
                }
                if ($line -match '</packageSources>') { $inSources = $false }
            }
        }
    }
}
function Get-Sha256([string[]] $paths) {
    foreach ($path in $paths) {
        $full = if ([IO.Path]::IsPathRooted($path)) { $path } else { Join-Path $root $path }
        if ([IO.File]::Exists($full)) {
            $stream = [IO.File]::OpenRead($full)
            try { [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData($stream)).ToLowerInvariant() + "  $path" } finally { $stream.Dispose() }
        }
    }
}
function Get-InputHashes {
    $files = [Collections.Generic.SortedSet[string]]::new([StringComparer]::Ordinal)
    foreach ($file in Get-InputFiles) { [void]$files.Add($file) }
    Get-Sha256 @($files)
}

# Nothing changed since the last successful build: run its dll (no build, no 'dotnet run' in between).
if ([IO.File]::Exists($stamp)) {
    $dll = @([IO.File]::ReadAllLines($stamp))[0]
    if ($dll -and [IO.File]::Exists($dll)) {
        $current = @($dll) + @(Get-InputHashes) + @(Get-Sha256 $dll)
        if (($current -join "`n") -ceq [IO.File]::ReadAllText($stamp).TrimEnd("`n")) {
            & dotnet $dll @arguments
            exit $LASTEXITCODE
        }
    }
}

# Hashed before the build: an edit made while it runs is built by the next run. The stamp goes first, so a
# failed build leaves none and the next run builds again.
$hashes = @(Get-InputHashes)
if ([IO.File]::Exists($stamp)) { [IO.File]::Delete($stamp) }
# 'dotnet build' is this plus a summary ("Build succeeded", "0 Warning(s)") on every run: this prints only
# warnings and errors.
# Published, not only built: the build project asks for ReadyToRun (build/_build.csproj), so NUKE's and MiniContainer's
# assemblies start without JIT (as build.sh does).
$bin = "$root/.nuke/temp/build-bin"
& dotnet msbuild -restore -t:Publish $project "-p:PublishDir=$bin/" -nodeReuse:false -p:UseSharedCompilation=false -nologo -verbosity:quiet -consoleLoggerParameters:NoSummary
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
$dll = "$bin/" + "$(& dotnet msbuild $project -nologo -getProperty:TargetFileName)".Trim()
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
[void][IO.Directory]::CreateDirectory([IO.Path]::GetDirectoryName($stamp))
[IO.File]::WriteAllText("$stamp.tmp", ((@($dll) + $hashes + @(Get-Sha256 $dll)) -join "`n") + "`n")
[IO.File]::Move("$stamp.tmp", $stamp, $true)
& dotnet $dll @arguments
exit $LASTEXITCODE
