#!/usr/bin/env bash
# Bootstrapper: ./build.sh [Target] [--name=value ...]   (default target: Publish)
# Checks for the .NET SDK, restores the pinned Cake.Tool and runs build.cake.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$root"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "build.sh: the .NET SDK is not installed (no 'dotnet' on PATH). Install the .NET 10 SDK first." >&2
  exit 1
fi

target=Publish
if [ $# -gt 0 ] && [[ "$1" != -* ]]; then target=$1; shift; fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export CAKE_SETTINGS_ENABLESCRIPTCACHE=${CAKE_SETTINGS_ENABLESCRIPTCACHE:-true}
# Cake runs in this process, from the Cake.dll the SDK's tool resolver cache names for the pinned version:
# 'dotnet cake' would start it as a child process (~0.13 s more a run, and a second process for Ctrl-C to
# reach). The restore (~0.3 s) runs only when the cache names none: the package alone in the NuGet folder
# is not a restored tool (the solution's build downloads it, as the addin reads Cake.Core from it).
cake_version=$(sed -n '/"cake.tool"/,/}/s/.*"version": *"\([^"]*\)".*/\1/p' .config/dotnet-tools.json | head -n 1)
resolved_cake_dll() {
  [ -n "$cake_version" ] || return 0
  sed -n "s/.*\"Version\":\"$cake_version\"[^}]*\"PathToExecutable\":\"\([^\"]*\)\".*/\1/p" \
    "${DOTNET_CLI_HOME:-$HOME}"/.dotnet/toolResolverCache/*/cake.tool 2>/dev/null | head -n 1 || true # no cache yet: none
}
cake_dll=$(resolved_cake_dll)
if [ -z "$cake_dll" ] || [ ! -f "$cake_dll" ]; then
  dotnet tool restore >/dev/null || { echo "build.sh: 'dotnet tool restore' failed (see above)" >&2; exit 1; }
  cake_dll=$(resolved_cake_dll)
fi
# Cake.Tool ships IL only, so every run JIT-compiled Cake, Spectre.Console and NuGet's client again (~0.3 s of CPU
# a run here). Once per Cake version, build/CakeReadyToRun.csproj publishes a ReadyToRun copy into tools/ (~1 min of
# CPU, once) and Cake runs from it. Off where CI is set (a fresh job would pay the compile for one run) unless
# CAKE_READYTORUN=true (a CI that caches tools/); CAKE_READYTORUN=false turns it off. A failed publish runs the IL.
readytorun_cake() {
  local rid folder staging
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) rid=linux-x64 ;; Linux-aarch64) rid=linux-arm64 ;; Darwin-arm64) rid=osx-arm64 ;; Darwin-x86_64) rid=osx-x64 ;; *) return 0 ;;
  esac
  folder="$root/tools/cake-readytorun/$cake_version-$rid"
  if [ ! -f "$folder/Cake.dll" ]; then
    echo "build.sh: compiling Cake $cake_version ReadyToRun into tools/ once (CAKE_READYTORUN=false to skip)" >&2
    mkdir -p "${folder%/*}" && staging=$(mktemp -d "${folder%/*}/.staging.XXXXXX")
    if dotnet publish "$root/build/CakeReadyToRun.csproj" -r "$rid" -o "$staging" -p:CakeToolDirectory="${cake_dll%/*}/" \
        -nologo -verbosity:quiet -consoleLoggerParameters:NoSummary -nodeReuse:false -p:UseSharedCompilation=false >&2 &&
      [ ! -e "$folder" ]; then mv "$staging" "$folder"; fi
    rm -rf "$staging" # a failed publish, or another build's copy landed first
  fi
  [ -f "$folder/Cake.dll" ] && cake_dll="$folder/Cake.dll"
  return 0
}
if [ -n "$cake_dll" ] && [ -f "$cake_dll" ]; then
  readytorun=${CAKE_READYTORUN:-$([ -n "${CI:-}" ] && echo false || echo true)}
  if [ "$readytorun" = true ]; then readytorun_cake; fi
  exec dotnet "$cake_dll" build.cake --target="$target" "$@"
fi
exec dotnet cake build.cake --target="$target" "$@"
