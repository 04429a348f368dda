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
# --- Cake's bootstrap pass (this block is the same in every Cake example's build.sh) ---
# Cake's bootstrap pass reads the script a second time, resolving its #load packages again, only to install the modules
# that #module directives name (~0.04 s a run). It is skipped (--skip-bootstrap) when it has nothing to do: no .cake file
# git knows here (tracked, or new and not ignored) nor any script of a package installed in tools/ names a #module, and
# every package a #load names is installed there. Outside a git work tree, or with CAKE_SKIP_BOOTSTRAP=false, it runs.
bootstrap_needed() {
  local argument listed found scripts=() script packages package directory installed
  [ "${CAKE_SKIP_BOOTSTRAP:-}" != false ] || return 0
  for argument in "$@"; do case "$argument" in --bootstrap | --skip-bootstrap | --skip-bootstrap=*) return 0 ;; esac; done
  listed=$(git -c core.quotePath=false ls-files --cached --others --exclude-standard -- '*.cake' 2>/dev/null) || return 0 # no work tree
  [ -n "$listed" ] || return 0
  case "$listed" in '"'* | *$'\n"'*) return 0 ;; esac # a name git must quote: not read here, so not known to name no module
  [ ! -d tools ] || found=$(find tools -mindepth 2 \( -path tools/Addins -o -path tools/Modules -o -path tools/cache \
    -o -path tools/cake-readytorun \) -prune -o -name '*.cake' -type f -print)
  while IFS= read -r script; do [ -f "$script" ] && scripts+=("$script"); done <<EOF
$listed
${found:-}
EOF
  [ ${#scripts[@]} -gt 0 ] || return 0
  # One pass over the scripts: "#module" if one names a module, else the id of every package a #load names.
  packages=$(awk '/^[[:space:]]*#module([[:space:]]|$)/ { print "#module"; exit }
    match($0, /^[[:space:]]*#l(oad)?[[:space:]]+"?nuget:[^"[:space:]]*[?&]package=[^&"[:space:]]+/) {
      id = substr($0, RSTART, RLENGTH); sub(/.*[?&]package=/, "", id); print id }' "${scripts[@]}") || return 0
  case "$packages" in *'#module'*) return 0 ;; esac
  shopt -s nocasematch # tools/<id>.<version> as Cake installs it, the id in any case
  for package in $packages; do
    installed=false
    for directory in tools/*/; do
      directory=${directory#tools/}
      case "${directory%/}" in "$package" | "$package".[0-9]*) installed=true; break ;; esac
    done
    [ "$installed" = true ] || break
  done
  shopt -u nocasematch
  [ "${installed:-true}" = false ]
}
bootstrap=()
if ! bootstrap_needed "$@"; then bootstrap=(--skip-bootstrap); fi
# --- end of the bootstrap pass ---
if [ -n "$cake_dll" ] && [ -f "$cake_dll" ]; then
  exec dotnet "$cake_dll" build.cake --target="$target" ${bootstrap[@]+"${bootstrap[@]}"} "$@"
fi
exec dotnet cake build.cake --target="$target" ${bootstrap[@]+"${bootstrap[@]}"} "$@"
