#!/usr/bin/env bash
# Bootstrapper: ./build.sh [Target ...] [--name value ...]   (NUKE's arguments, e.g. --help, --plan, --profile)
# Builds build/_build.csproj with the .NET SDK on PATH and runs it with the arguments given.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
project="$root/build/_build.csproj"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "build.sh: the .NET SDK is not installed (no 'dotnet' on PATH). Install the .NET 10 SDK first." >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 NUKE_TELEMETRY_OPTOUT=1

dotnet build "$project" /nodeReuse:false /p:UseSharedCompilation=false -nologo -clp:NoSummary --verbosity quiet
exec dotnet run --project "$project" --no-build -- "$@"
