#!/usr/bin/env bash
# --cache-dir as a CI runner uses it: examples/hello through the Cake recipe (`./build.sh ComposeImage`,
# whole processes), each build with one line changed so go build always compiles and links main:
#   cold      an empty cache folder, no artifacts, no warm builder (a CI job without a cache)
#   warm      the same checkout again, its warm builder running, the folder as the last build left it
#   warm-volumes   the same without --cache-dir: the named volumes, for the cost of the folder
#   restored  a fresh job: no warm builder, no artifacts, the folder as the CI cache step restores it (a copy)
#             (one checkout folder, as a runner checks out to the same path: Cake's tools and script cache stay)
#   restored, copy   the same, with the engine reached over TCP (a loopback relay to the socket), so the
#             folder is copied into each build container and what it wrote or used back out
# Prints medians and the folder's size. Uses the local test-bed images (eng/testbed.sh), python3.
#
#   bench/cache-dir.sh [rounds]      (default 3)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-3}
builder=${MINICONTAINER_TESTBED_BUILDER:-minicontainer-testbed/go-builder:latest}
alpine=${MINICONTAINER_TESTBED_ALPINE:-minicontainer-testbed/alpine:latest}
work=$(mktemp -d /tmp/minicontainer-bench-cachedir.XXXXXX)
results=$work/results.tsv
export GOFLAGS=-buildvcs=false GOPROXY=off NO_COLOR=1
relay_pid=

log() { printf '[bench] %s\n' "$*" >&2; }
now() { date +%s.%N; }
# The warm builders of this run's checkouts only (others' builds use theirs).
remove_warm() {
  local ids; ids=$(docker ps -aq --no-trunc --filter label=org.minicontainer.warm-builder=true)
  [ -z "$ids" ] && return 0
  docker inspect -f '{{.Id}}{{range .Mounts}} {{.Source}}{{end}}' $ids 2>/dev/null |
    awk -v w="$work/" '{ for (i = 2; i <= NF; i++) if (index($i, w) == 1) { print $1; next } }' | xargs -r docker rm -f >/dev/null 2>&1 || true
}
cleanup() { [ -z "$relay_pid" ] || kill "$relay_pid" 2>/dev/null || true; remove_warm; docker image rm -f bench-cachedir/hello:latest >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

checkout() { # checkout <name>: a fresh copy of examples/hello finding the addin in this repository's packages
  rm -rf "$work/$1" && mkdir -p "$work/$1" && cp -r "$repo/examples/hello/." "$work/$1/"
  rm -rf "$work/$1/artifacts" "$work/$1/.cake" "$work/$1/tools"
  sed -i "s|\.\./\.\./artifacts/packages|$repo/artifacts/packages|" "$work/$1/nuget.config"
}
build() { # build <scenario> <round> <checkout> <cache folder, - for none> [env...]: one line changed, then timed
  local scenario=$1 round=$2 src=$work/$3 cache=$4; shift 4
  sed -i "s|^var version = .*|var version = \"bench-$scenario-$round-$RANDOM\"|" "$src/main.go"
  local start end
  start=$(now)
  local caches=(--cache-dir="$cache"); [ "$cache" != - ] || caches=()
  (cd "$src" && env "$@" ./build.sh ComposeImage --builder-image="$builder" --base-image="$alpine" --image-name=bench-cachedir/hello \
    "${caches[@]}" >"$work/log-$scenario-$round" 2>&1) || { cat "$work/log-$scenario-$round" >&2; log "failed: $scenario"; exit 1; }
  end=$(now)
  printf '%s\t%s\t%s\n' "$round" "$scenario" "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')" >>"$results"
  log "$scenario round $round: $(tail -1 "$results" | cut -f3) s"
}

log "packing the addin"
(cd "$repo" && ./build.sh Pack >"$work/pack.log" 2>&1) || { cat "$work/pack.log" >&2; exit 1; }
# A loopback TCP endpoint for the engine: DOCKER_HOST=tcp:// is an engine that cannot bind our folders.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 - "$port" <<'PY' &
import socket, sys, threading
def pump(a, b):
    try:
        while data := a.recv(65536): b.sendall(data)
    except OSError: pass
    finally:
        for s in (a, b):
            try: s.shutdown(socket.SHUT_RDWR)
            except OSError: pass
server = socket.create_server(("127.0.0.1", int(sys.argv[1])))
while True:
    client, _ = server.accept()
    engine = socket.socket(socket.AF_UNIX); engine.connect("/var/run/docker.sock")
    threading.Thread(target=pump, args=(client, engine), daemon=True).start()
    threading.Thread(target=pump, args=(engine, client), daemon=True).start()
PY
relay_pid=$!

# One preparation run: restores the Cake tool and the addin into the checkout and compiles build.cake, not timed.
# A CI runner checks out to the same path each job, so every job here uses one folder, emptied of our state.
checkout job && build prep 0 job "$work/cache" >/dev/null
fresh_job() { remove_warm; rm -rf "$work/job/artifacts" "$work/cache"; } # a new runner: no warm builder, no output, no folder
for round in $(seq 1 "$rounds"); do
  fresh_job
  build cold "$round" job "$work/cache"
  build warm "$round" job "$work/cache"
  # For reference, the named volumes (the engine's shared ones, only read and added to), warm builder running.
  build volumes-prep "$round" job - >/dev/null && build warm-volumes "$round" job -
  rm -rf "$work/saved" && cp -a "$work/cache" "$work/saved" # the cache step saves it
  fresh_job && cp -a "$work/saved" "$work/cache"            # the next job's cache step restores it
  build restored "$round" job "$work/cache"
  fresh_job && cp -a "$work/saved" "$work/cache"
  build restored-copy "$round" job "$work/cache" DOCKER_HOST="tcp://127.0.0.1:$port"
done

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
cell() { awk -F'\t' -v s="$1" '$2 == s { print $3 }' "$results" | median; }
echo
echo "| scenario | median s ($rounds rounds) |"
echo "|---|---|"
for s in cold warm warm-volumes restored restored-copy; do echo "| $s | $(cell $s) |"; done
echo
echo "cache folder: $(du -sh "$work/cache" | cut -f1), $(find "$work/cache" -type f | wc -l) files (gomodcache $(du -sh "$work/cache/gomodcache" | cut -f1), gocache $(du -sh "$work/cache/gocache" | cut -f1))"
for s in restored restored-copy; do grep -h "Restore: up to date\|Compile took\|copied" "$work/log-$s-1" | sed "s/^/$s: /"; done
