#!/usr/bin/env bash
# Bootstrapper: ./build.sh [Target ...] [--name value ...]   (NUKE's arguments, e.g. --help, --plan, --profile)
# Builds build/_build.csproj with the .NET SDK on PATH when its inputs changed, and runs it with the arguments given.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
project="$root/build/_build.csproj"
# The last successful build: its dll's path, then a SHA-256 of each input and of the dll (build.ps1 writes the same).
stamp="$root/.nuke/temp/build-project.stamp"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "build.sh: the .NET SDK is not installed (no 'dotnet' on PATH). Install the .NET 10 SDK first." >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 NUKE_TELEMETRY_OPTOUT=1

# What the build is made of, relative to the root and sorted: build/ (not bin/, obj/), the root's SDK, MSBuild and
# NuGet files, and the packages in each local folder a nuget.config names as a source (a package packed again
# under the same version changes nothing else).
input_files() {
  cd "$root"
  find build \( -name bin -o -name obj \) -prune -o -type f -print
  find . -maxdepth 1 -type f \( -iname global.json -o -iname nuget.config -o -iname directory.build.props \
    -o -iname directory.build.targets -o -iname directory.packages.props \) -print | sed 's|^\./||'
  local config folder value source
  for config in $(find . build -maxdepth 1 -type f -iname nuget.config); do
    folder=${config%/*}
    while IFS= read -r value; do
      value=${value%/}
      case "$value" in *://*) continue ;; /*) source=$value ;; *) source="$folder/$value" ;; esac
      [ ! -d "$source" ] || find "$source" -type f -name '*.nupkg' -print
    done < <(sed -n '/<packageSources>/,/<\/packageSources>/s/.*<add [^>]*value="\([^"]*\)".*/\1/p' "$config")
  done
}
sha256() {
  [ $# -gt 0 ] || return 0
  if command -v sha256sum >/dev/null 2>&1; then (cd "$root" && sha256sum -- "$@" 2>/dev/null) || true
  else (cd "$root" && shasum -a 256 -- "$@" 2>/dev/null) || true; fi
}
input_hashes() {
  local files=() file
  while IFS= read -r file; do files+=("$file"); done < <(input_files | LC_ALL=C sort -u)
  sha256 "${files[@]}"
}

# Nothing changed since the last successful build: run its dll (no build, no 'dotnet run' in between).
if [ -f "$stamp" ]; then
  dll=$(head -n 1 "$stamp")
  if [ -f "$dll" ] && [ "$(printf '%s\n%s\n%s' "$dll" "$(input_hashes)" "$(sha256 "$dll")")" = "$(cat "$stamp")" ]; then
    exec dotnet "$dll" "$@"
  fi
fi

# Hashed before the build: an edit made while it runs is built by the next run. The stamp goes first, so a
# failed build leaves none and the next run builds again.
hashes=$(input_hashes)
rm -f "$stamp"
# Published, not only built: the build project asks for ReadyToRun (build/_build.csproj), so NUKE's and MiniContainer's
# assemblies start without JIT. 'dotnet publish' is this plus a summary ("Build succeeded", "0 Warning(s)") on every
# run: this prints only warnings and errors.
bin="$root/.nuke/temp/build-bin"
dotnet msbuild -restore -t:Publish "$project" -p:PublishDir="$bin/" -nodeReuse:false -p:UseSharedCompilation=false -nologo -verbosity:quiet -consoleLoggerParameters:NoSummary
dll="$bin/$(dotnet msbuild "$project" -nologo -getProperty:TargetFileName)"
mkdir -p "${stamp%/*}"
printf '%s\n%s\n%s\n' "$dll" "$hashes" "$(sha256 "$dll")" >"$stamp.tmp"
mv -f "$stamp.tmp" "$stamp"
exec dotnet "$dll" "$@"
