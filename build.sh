#!/usr/bin/env bash
# Bootstrapper: ./build.sh <Target> [--name=value ...]
# Checks for the .NET SDK, restores the pinned Cake.Tool and runs build/build.cake with that target.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$root"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "build.sh: the .NET SDK is not installed (no 'dotnet' on PATH). Install the .NET 10 SDK first." >&2
  exit 1
fi
if ! dotnet --list-sdks 2>/dev/null | grep -qE '^(10|[1-9][1-9])\.'; then
  echo "build.sh: the .NET 10 SDK (or newer) is needed; found: $(dotnet --list-sdks | tr '\n' ' ')" >&2
  exit 1
fi

target=Default
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
if [ -n "$cake_dll" ] && [ -f "$cake_dll" ]; then
  exec dotnet "$cake_dll" build/build.cake --target="$target" "$@"
fi
exec dotnet cake build/build.cake --target="$target" "$@"
