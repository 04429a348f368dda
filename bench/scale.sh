#!/usr/bin/env bash
# How MiniContainer's time grows with the number of binaries: a generated Go module with N main
# packages (cmd/app1 .. cmd/appN, each a small net/http + os/user service like examples/hello, all
# importing one shared internal/version package), built through the core API (Compile -> Verify ->
# Image, bench/MiniContainer.PipelineBench with "./cmd/...") into one scratch image holding all N.
# For each N: cold (the benchmark's own Go build cache and warm builder removed, no output, no image),
# then warm with one line changed in internal/version (so every binary must relink). Prints the
# median times, and per build the container starts, the execs and the go build invocations seen in
# the engine's events, to show that one builder container and one go build serve all N binaries.
#
#   bench/scale.sh ["1 2 5 10"] [rounds]      (binary counts, default "1 2 5 10"; rounds, default 3)
#
# Needs the engine, the .NET SDK and the local test-bed builder image (eng/testbed.sh). The Go
# program uses only the standard library: no network is needed.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
counts=${1:-1 2 5 10}
rounds=${2:-3}
builder=${MINICONTAINER_TESTBED_BUILDER:-minicontainer-testbed/go-builder:latest}
work=$(mktemp -d /tmp/minicontainer-scale.XXXXXX)
results=$work/results.tsv
# The benchmark's own build-cache volume: "cold" empties it without touching the cache (and the
# warm builders) that other builds on this engine share. Its warm builders are the ones mounting it.
cache_volume=bench-scale-gocache-${work##*.}
export GOFLAGS=-buildvcs=false GOPROXY=off
export MINICONTAINER_BENCH_GOCACHE_VOLUME=$cache_volume
events_pid=

log() { printf '[scale] %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }
now() { date +%s.%N; }
quiet() { "$@" >"$work/last.log" 2>&1 || { cat "$work/last.log" >&2; die "failed: $*"; }; }
my_warm_builders() { docker ps -aq --no-trunc --filter label=org.minicontainer.warm-builder=true --filter "volume=$cache_volume"; }

remove_images() { # $1 = N: the tag, and every image an earlier build of this N left (untagged by a newer one)
  docker image rm "bench/scale-$1:latest" >/dev/null 2>&1 || true
  if [ -f "$work/images-$1" ]; then
    sort -u "$work/images-$1" | while read -r id; do docker image rm "$id" >/dev/null 2>&1 || true; done
    rm -f "$work/images-$1"
  fi
}

cleanup() {
  local warm
  if [ -n "$events_pid" ]; then kill "$events_pid" 2>/dev/null || true; fi
  warm=$(my_warm_builders 2>/dev/null || true)
  [ -z "$warm" ] || docker rm -f $warm >/dev/null 2>&1 || true
  docker volume rm -f "$cache_volume" >/dev/null 2>&1 || true
  for n in $counts; do remove_images "$n"; done
  rm -rf "$work"
}
trap cleanup EXIT

for n in $counts; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || die "binary counts are positive integers: got '$n' in '$counts'"
done
[[ $rounds =~ ^[1-9][0-9]*$ ]] || die "rounds is a positive integer: got '$rounds'"
docker image inspect "$builder" >/dev/null 2>&1 || die "the builder image $builder is not in the engine (eng/testbed.sh builds it)"

# --- the module: N main packages and the one package they all import ---

generate_module() { # $1 = N, $2 = folder
  local n=$1 dir=$2 i
  mkdir -p "$dir/internal/version"
  printf 'module example.com/scale\n\ngo 1.19\n' >"$dir/go.mod"
  cat >"$dir/internal/version/version.go" <<'GO'
// Package version describes the build; every binary of the module imports it, so a change here
// relinks them all.
package version

import (
	"fmt"
	"runtime"
)

// Version is the line the benchmark changes.
var Version = "dev"

// Describe is one line about this build of the named program.
func Describe(program, user string) string {
	return fmt.Sprintf("%s %s (%s, %s/%s, user %s)", program, Version, runtime.Version(), runtime.GOOS, runtime.GOARCH, user)
}
GO
  for i in $(seq 1 "$n"); do
    mkdir -p "$dir/cmd/app$i"
    cat >"$dir/cmd/app$i/main.go" <<GO
// app$i is one of the module's $n services: a small net/http server. With cgo on, os/user and the
// net resolver link libc: the case a static musl build exists for.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/user"

	"example.com/scale/internal/version"
)

const program = "app$i"

func main() {
	printVersion := flag.Bool("version", false, "print one line about this build and exit")
	addr := flag.String("addr", ":$((8080 + i))", "address to listen on")
	flag.Parse()

	if *printVersion {
		fmt.Println(version.Describe(program, currentUser()))
		return
	}

	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		addrs, err := net.LookupHost("localhost")
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		fmt.Fprintf(w, "%s as %s; localhost is %v\n", version.Describe(program, currentUser()), currentUser(), addrs)
	})
	log.Printf("%s listening on %s", version.Describe(program, currentUser()), *addr)
	if err := http.ListenAndServe(*addr, nil); err != nil {
		log.Print(err)
		os.Exit(1)
	}
}

func currentUser() string {
	u, err := user.Current()
	if err != nil {
		return fmt.Sprintf("uid %d", os.Getuid())
	}
	return u.Username
}
GO
  done
}

for n in $counts; do generate_module "$n" "$work/mod-$n"; done

pipeline_dll=$work/pipeline/MiniContainer.PipelineBench.dll
log "publishing the core-API runner (ReadyToRun, as a build host would load it)"
quiet dotnet publish "$repo/bench/MiniContainer.PipelineBench" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/pipeline"

# --- cold start (untimed), one timed build, one line changed ---

cold() { # $1 = N
  local warm
  remove_images "$1"
  warm=$(my_warm_builders)
  [ -z "$warm" ] || docker rm -f $warm >/dev/null
  docker volume rm -f "$cache_volume" >/dev/null
  rm -rf "$work/mod-$1/artifacts"
}

# A line that changes the bytes of every binary (an unused constant would not).
one_line_change() { sed -i "s/^var Version = .*/var Version = \"scale-$1-$2-$RANDOM\"/" "$work/mod-$1/internal/version/version.go"; }

binary_hashes() { # $1 = N
  local i
  for i in $(seq 1 "$1"); do sha256sum "$work/mod-$1/artifacts/bin/app$i"; done
}

# The engine's container start and exec_start events during one build, kept to this build's own:
# starts of containers labelled with the runner's process, or of this benchmark's warm builders
# (they mount its cache volume), and execs whose command names the runner's process (the warm
# builder's exec wrapper carries "minicontainer@<machine>:<pid>"). A go build is an exec whose
# command is `go build`, or a one-off container of the compile step.
count_events() { # $1 = events file, $2 = runner pid
  local warm
  warm=$(my_warm_builders | tr '\n' ' ')
  awk -F'\t' -v pid="$2" -v warm=" $warm " '
    BEGIN { n = split(warm, w, " "); for (i = 1; i <= n; i++) mine[w[i]] = 1 }
    $4 == "start" && ($2 ~ (":" pid "$") || ($1 in mine)) { starts++; if ($3 == "compile") builds++ }
    index($4, "exec_start:") == 1 && $4 ~ ("minicontainer@[^ ]*:" pid " ") { execs++; if ($4 ~ / go build /) builds++ }
    END { printf "%d\t%d\t%d\n", starts, execs, builds }' "$1"
}

build() { # $1 = N, $2 = round, $3 = scenario; appends one line to the results
  local n=$1 since pid took counted
  since=$(awk -v t="$(now)" 'BEGIN { printf "%.3f", t - 0.1 }')
  docker events --since "$since" --filter type=container --filter event=start --filter event=exec_start \
    --format '{{.Actor.ID}}{{"\t"}}{{index .Actor.Attributes "org.minicontainer.host-pid"}}{{"\t"}}{{index .Actor.Attributes "org.minicontainer.step"}}{{"\t"}}{{.Action}}' \
    >"$work/events" 2>"$work/events.err" &
  events_pid=$!
  dotnet "$pipeline_dll" "$work/mod-$n" "$builder" scratch "bench/scale-$n:latest" ./cmd/... 2>"$work/core.log" >/dev/null &
  pid=$!
  if ! wait "$pid"; then cat "$work/core.log" >&2; die "failed: the core-API runner on $n binaries"; fi
  # Every start and exec happened seconds before the runner ended; give the stream a moment to deliver.
  sleep 1
  kill "$events_pid" 2>/dev/null || true
  wait "$events_pid" 2>/dev/null || true
  events_pid=
  [ ! -s "$work/events.err" ] || { cat "$work/events.err" >&2; die "docker events failed: the counts would be wrong"; }
  grep -q ", $n binaries" "$work/core.log" || { cat "$work/core.log" >&2; die "the runner did not report $n binaries"; }
  # The core API's own time: the runner's .NET start-up is host start-up, not pipeline.
  took=$(sed -n 's/.*total \([0-9.]*\) s.*/\1/p' "$work/core.log")
  docker image inspect -f '{{.Id}}' "bench/scale-$n:latest" >>"$work/images-$n"
  counted=$(count_events "$work/events" "$pid")
  printf '%s\t%s\t%s\t%s\t%s\n' "$2" "$3" "$n" "$took" "$counted" >>"$results"
  log "round $2, $n binaries, $3: $took s ($(sed 's/, total.*//' "$work/core.log")); container starts, execs, go builds: $(tr '\t' ' ' <<<"$counted")"
}

for round in $(seq 1 "$rounds"); do
  for n in $counts; do
    cold "$n"
    build "$n" "$round" cold
    binary_hashes "$n" >"$work/before"
    one_line_change "$n" "$round"
    build "$n" "$round" oneline
    # How many binaries the one-line change relinked: the ones whose bytes changed.
    relinked=$(binary_hashes "$n" | diff "$work/before" - | grep -c '^>' || true)
    printf '%s\t%s\t%s\n' "$round" "$n" "$relinked" >>"$work/relinked.tsv"
    [ "$relinked" -eq "$n" ] || log "warning: the one-line change relinked $relinked of $n binaries"
  done
done

# --- the table ---

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) { print "-" } else if (NR % 2) { print a[(NR + 1) / 2] } else { printf "%.3f", (a[NR / 2] + a[NR / 2 + 1]) / 2 } }'; }
# Columns of results.tsv: 1 round, 2 scenario, 3 N, 4 seconds, 5 container starts, 6 execs, 7 go builds.
column_of() { awk -F'\t' -v s="$1" -v n="$2" -v c="$3" '$2 == s && $3 == n { print $c }' "$results"; }
seconds() { column_of "$1" "$2" 4 | median; }
# A count over the rounds: the value, or min–max when the rounds differ.
count() { column_of "$1" "$2" "$3" | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print (lo == hi ? lo : lo "–" hi) }'; }
relinked_of() { awk -F'\t' -v n="$1" '$2 == n { print $3 }' "$work/relinked.tsv" | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print (lo == hi ? lo : lo "–" hi) }'; }

first=$(tr ' ' '\n' <<<"$counts" | grep . | head -1)
go_in_builder=$(docker exec "$(my_warm_builders | head -1)" go version 2>/dev/null | awk '{ print $3 }' || true)
echo
echo "$(date -u +%Y-%m-%d), $(nproc) cores, ${go_in_builder:-go ?} in $builder, Docker $(docker version -f '{{.Server.Version}}'), median of $rounds rounds"
echo
echo "MiniContainer, core API (Compile → Verify → Image, scratch; \`./cmd/...\` built in one \`go build\`, every binary verified, one image"
echo "holding them all). Cold: no build cache, no warm builder, no output, no image. One line changed: \`var Version\` in"
echo "internal/version, which every binary imports, so all N relink (\"relinked\" counts the binaries whose bytes changed)."
echo "Container starts, execs and go build invocations are per build, from the engine's events (cold / one line changed)."
echo
echo "| N binaries | cold | one line changed | per binary (one line) | container starts | execs | go build invocations | relinked | image |"
echo "|---|---|---|---|---|---|---|---|---|"
for n in $counts; do
  oneline=$(seconds oneline "$n")
  printf '| %s | %s s | %s s | %s s | %s / %s | %s / %s | %s / %s | %s of %s | %s bytes |\n' "$n" "$(seconds cold "$n")" "$oneline" \
    "$(awk -v t="$oneline" -v n="$n" 'BEGIN { printf "%.3f", t / n }')" \
    "$(count cold "$n" 5)" "$(count oneline "$n" 5)" "$(count cold "$n" 6)" "$(count oneline "$n" 6)" "$(count cold "$n" 7)" "$(count oneline "$n" 7)" \
    "$(relinked_of "$n")" "$n" "$(docker image inspect -f '{{.Size}}' "bench/scale-$n:latest")"
done
echo
for n in $counts; do
  [ "$n" = "$first" ] && continue
  awk -v n="$n" -v f="$first" -v c="$(seconds cold "$n")" -v c1="$(seconds cold "$first")" -v o="$(seconds oneline "$n")" -v o1="$(seconds oneline "$first")" \
    'BEGIN { printf "%s binaries against %s: cold %.2f×, one line changed %.2f× (%+.3f s per binary added)\n", n, f, c / c1, o / o1, (o - o1) / (n - f) }'
done
