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
# The restore (~0.3 s a run) is skipped when the SDK already resolves the pinned Cake.Tool: its tool
# resolver cache names that version and the package is in the NuGet folder. The package alone is not
# enough: a build that downloads it (the addin reads Cake.Core from it) leaves it there unrestored.
cake_version=$(sed -n '/"cake.tool"/,/}/s/.*"version": *"\([^"]*\)".*/\1/p' .config/dotnet-tools.json | head -n 1)
cake_resolved() {
  [ -n "$cake_version" ] \
    && grep -qs "\"Version\":\"$cake_version\"" "${DOTNET_CLI_HOME:-$HOME}"/.dotnet/toolResolverCache/*/cake.tool \
    && [ -f "${NUGET_PACKAGES:-$HOME/.nuget/packages}/cake.tool/$cake_version/cake.tool.$cake_version.nupkg" ]
}
if ! cake_resolved; then
  dotnet tool restore >/dev/null || { echo "build.sh: 'dotnet tool restore' failed (see above)" >&2; exit 1; }
fi
# Cake runs in this process: 'dotnet cake' would start it as a child process (~0.13 s more a run, and
# a second process for Ctrl-C to reach). The resolver cache names the Cake.dll the SDK chose for the pinned version.
cake_dll=$(sed -n "s/.*\"Version\":\"$cake_version\"[^}]*\"PathToExecutable\":\"\([^\"]*\)\".*/\1/p" \
  "${DOTNET_CLI_HOME:-$HOME}"/.dotnet/toolResolverCache/*/cake.tool 2>/dev/null | head -n 1)
if [ -n "$cake_dll" ] && [ -f "$cake_dll" ]; then
  exec dotnet "$cake_dll" build.cake --target="$target" "$@"
fi
exec dotnet cake build.cake --target="$target" "$@"
