#!/usr/bin/env bash
# Times the Cake recipe (examples/hello's ./build.sh ComposeImage, whole processes, Cake start-up included)
# of an earlier commit (its addin package and its examples/hello, bootstrapper included) against this working tree's, alternating A B A B, and prints the
# medians of wall, CPU (user + sys of the process tree) and the ComposeImage step's time for "no change" and
# "one line changed".
#
#   bench/cake-compare.sh <commit> [rounds]   (default 8; needs the engine and the test-bed builder)
#   bench/cake-compare.sh - [rounds]          both sides on the working tree's package: compare settings only
#
# CAKE_COMPARE_SKIP_PACK=1 with "-": use artifacts/packages as it is.
# CAKE_COMPARE_BEFORE_ENV / CAKE_COMPARE_AFTER_ENV: "NAME=value ..." set for that side's runs only
# (e.g. a Cake setting or a DOTNET_ variable), to measure what a consumer can set; CAKE_COMPARE_BEFORE_ARGS /
# CAKE_COMPARE_AFTER_ARGS: more arguments to that side's ./build.sh (e.g. --skip-bootstrap).
# CAKE_COMPARE_TARGET: the target both sides run instead of ComposeImage (e.g. PublishImage, with --registry=<a loopback
# registry> --smoke-test=false in both sides' ARGS: the push path); the step column stays ComposeImage's.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
base=${1:?usage: bench/cake-compare.sh <commit|-> [rounds]}
rounds=${2:-8}
builder=${MINICONTAINER_TESTBED_BUILDER:-minicontainer-testbed/go-builder:latest}
work=$(mktemp -d /tmp/minicontainer-cake-compare.XXXXXX)
cleanup() {
  [ "$base" = - ] || git -C "$repo" worktree remove --force "$work/base-tree" >/dev/null 2>&1 || true
  docker image rm -f cake-compare/before:latest cake-compare/after:latest >/dev/null 2>&1 || true
  # The warm builders of this run's two projects (only those: others on the engine keep theirs).
  local ids; ids=$(docker ps -aq --no-trunc --filter label=org.minicontainer.warm-builder=true)
  [ -z "$ids" ] || docker inspect -f '{{.Id}}{{range .Mounts}} {{.Source}}{{end}}' $ids 2>/dev/null |
    awk -v work="$work/" '{ for (i = 2; i <= NF; i++) if (index($i, work) == 1) { print $1; next } }' | xargs -r docker rm -f >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
export GOFLAGS=-buildvcs=false GOPROXY=off NO_COLOR=1

log() { printf '[cake-compare] %s\n' "$*" >&2; }
pack() { (cd "$1" && ./build.sh Pack >"$work/pack.log" 2>&1) || { cat "$work/pack.log" >&2; exit 1; }; }

packages_before=$repo/artifacts/packages
if [ "$base" != - ]; then
  log "packing the addin of $base"
  git -C "$repo" worktree add --detach "$work/base-tree" "$base" >/dev/null 2>&1
  pack "$work/base-tree"
  packages_before=$work/base-tree/artifacts/packages
fi
if [ "$base" = - ] && [ -n "${CAKE_COMPARE_SKIP_PACK:-}" ]; then log "using the working tree's package as packed"; else log "packing the addin of the working tree"; pack "$repo"; fi
for side in before after; do
  dir=$work/src-$side
  # Each side runs its own commit's example (its bootstrapper too), on its own package.
  example=$repo/examples/hello; [ "$side" = before ] && [ "$base" != - ] && example=$work/base-tree/examples/hello
  mkdir -p "$dir" && cp -r "$example/." "$dir/" && rm -rf "$dir/artifacts" "$dir/tools" "$dir/.cake"
  packages=$repo/artifacts/packages; [ "$side" = before ] && packages=$packages_before
  sed -i "s#value=\"[^\"]*\"#value=\"$packages\"#" "$dir/nuget.config"
done

# side -> "wall user+sys" seconds of the whole ./build.sh process tree
run() {
  local side=$1 extra args; extra=CAKE_COMPARE_${1^^}_ENV args=CAKE_COMPARE_${1^^}_ARGS
  sync
  (cd "$work/src-$side" && env ${!extra:-} /usr/bin/time -f '%e %U %S' -o "$work/time" ./build.sh "${CAKE_COMPARE_TARGET:-ComposeImage}" \
    --builder-image="$builder" --base-image=scratch --ca-bundle=none --image-name="cake-compare/$side" --image-tag=latest ${!args:-} \
    >"$work/$side.log" 2>&1) || { cat "$work/$side.log" >&2; exit 1; }
  # and the ComposeImage step's own time, from the recipe's summary (a fresh process's costs inside it, not Cake's start)
  local step; step=$(awk '$1 == "ComposeImage" && $3 == "s" { print $2 }' "$work/$side.log" | tail -n 1)
  awk -v step="${step:-0}" '{ printf "%.3f %.3f %.3f", $1, $2 + $3, step }' "$work/time"
}

for side in before after; do run "$side" >/dev/null; done   # cold builds (and the addin's install), not timed
: >"$work/times.tsv"
for round in $(seq 1 "$rounds"); do
  for side in before after; do
    printf '%s\tnochange\t%s\n' "$side" "$(run "$side" | tr ' ' '\t')" >>"$work/times.tsv"
    sed -i "s/^var version = .*/var version = \"cake-compare-$round-$RANDOM\"/" "$work/src-$side/main.go"
    printf '%s\toneline\t%s\n' "$side" "$(run "$side" | tr ' ' '\t')" >>"$work/times.tsv"
  done
  log "round $round of $rounds (load $(cut -d' ' -f1-3 /proc/loadavg))"
done

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
cell() { awk -v side="$1" -v s="$2" -v c="$3" '$1 == side && $2 == s { print $c }' "$work/times.tsv" | median; }
label_before=$([ "$base" = - ] && echo "before (working tree${CAKE_COMPARE_BEFORE_ENV:+, $CAKE_COMPARE_BEFORE_ENV}${CAKE_COMPARE_BEFORE_ARGS:+, $CAKE_COMPARE_BEFORE_ARGS})" || echo "before ($(git -C "$repo" rev-parse --short "$base"))")
label_after="after (working tree${CAKE_COMPARE_AFTER_ENV:+, $CAKE_COMPARE_AFTER_ENV}${CAKE_COMPARE_AFTER_ARGS:+, $CAKE_COMPARE_AFTER_ARGS})"
echo "| \`./build.sh ${CAKE_COMPARE_TARGET:-ComposeImage}\`, median of $rounds | $label_before wall | CPU | ComposeImage step | $label_after wall | CPU | ComposeImage step |"
echo "|---|---|---|---|---|---|---|"
for scenario in nochange oneline; do
  echo "| $([ "$scenario" = nochange ] && echo "no change" || echo "one line changed") | $(cell before "$scenario" 3) s | $(cell before "$scenario" 4) s | $(cell before "$scenario" 5) s | $(cell after "$scenario" 3) s | $(cell after "$scenario" 4) s | $(cell after "$scenario" 5) s |"
done
echo "All runs (side, scenario, wall, CPU, ComposeImage step):"
cat "$work/times.tsv"
