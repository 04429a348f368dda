#!/usr/bin/env bash
# Times the core-API runner (MiniContainer.PipelineBench: Compile -> Verify -> Image on scratch, as a
# whole process, .NET start-up included) of an earlier commit against this working tree, alternating
# A B A B on examples/hello, and prints the medians of "no change" and "one line changed".
#
#   bench/compare.sh <commit> [rounds]      (default 8; needs the engine and the test-bed builder)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
base=${1:?usage: bench/compare.sh <commit> [rounds]}
rounds=${2:-8}
builder=${MINICONTAINER_TESTBED_BUILDER:-minicontainer-testbed/go-builder:latest}
work=$(mktemp -d /tmp/minicontainer-compare.XXXXXX)
trap 'git -C "$repo" worktree remove --force "$work/base-tree" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
export GOFLAGS=-buildvcs=false GOPROXY=off

log() { printf '[compare] %s\n' "$*" >&2; }
now() { date +%s.%N; }
publish() { dotnet publish "$1/bench/MiniContainer.PipelineBench" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$2" >"$work/publish.log" 2>&1 || { cat "$work/publish.log" >&2; exit 1; }; }

log "publishing the runner of $base and of the working tree"
git -C "$repo" worktree add --detach "$work/base-tree" "$base" >/dev/null 2>&1
publish "$work/base-tree" "$work/runner-before"
publish "$repo" "$work/runner-after"
for side in before after; do
  mkdir -p "$work/src-$side" && cp -r "$repo/examples/hello/." "$work/src-$side/" && rm -rf "$work/src-$side/artifacts"
done

run() { # side -> seconds of the whole process
  local start end
  sync
  start=$(now)
  dotnet "$work/runner-$1/MiniContainer.PipelineBench.dll" "$work/src-$1" "$builder" scratch "compare/$1:latest" 2>"$work/$1.log" >/dev/null || { cat "$work/$1.log" >&2; exit 1; }
  end=$(now)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }'
}

for side in before after; do run "$side" >/dev/null; done   # cold builds, not timed
: >"$work/times.tsv"
for round in $(seq 1 "$rounds"); do
  for side in before after; do
    printf '%s\tnochange\t%s\n' "$side" "$(run "$side")" >>"$work/times.tsv"
    sed -i "s/^var version = .*/var version = \"compare-$round-$RANDOM\"/" "$work/src-$side/main.go"
    printf '%s\toneline\t%s\n' "$side" "$(run "$side")" >>"$work/times.tsv"
  done
  log "round $round of $rounds"
done

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "| whole process, median of $rounds | before ($(git -C "$repo" rev-parse --short "$base")) | after (working tree) |"
echo "|---|---|---|"
for scenario in nochange oneline; do
  b=$(awk -v s="$scenario" '$1 == "before" && $2 == s { print $3 }' "$work/times.tsv" | median)
  a=$(awk -v s="$scenario" '$1 == "after" && $2 == s { print $3 }' "$work/times.tsv" | median)
  echo "| $([ "$scenario" = nochange ] && echo "no change" || echo "one line changed") | ${b} s | ${a} s |"
done
