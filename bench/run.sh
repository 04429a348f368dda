#!/usr/bin/env bash
# Builds the same Go program (examples/hello: net/http + os/user, a ~5 MB static binary) every way
# users build one today, and with MiniContainer, interleaved round by round, and prints the median
# times (cold, warm with no change, warm with one line changed), the image sizes, and the ratios of
# MiniContainer to each of the others; then the user paths side by side: the MiniContainer Cake recipe
# against a Cake script running BuildKit (bench/cake-buildkit), to the engine and pushed to a loopback
# registry, with wall and CPU seconds and the bytes each push sent. Every row is a whole process.
# Uses the local test-bed images (eng/testbed.sh).
#
#   bench/run.sh [rounds]          (default 5; needs the engine, go, musl-gcc, Debian's docker.io
#                                   client at /usr/bin/docker for BuildKit, /usr/bin/docker-registry, python3)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-5}
builder=${MINICONTAINER_TESTBED_BUILDER:-minicontainer-testbed/go-builder:latest}
alpine=${MINICONTAINER_TESTBED_ALPINE:-minicontainer-testbed/alpine:latest}
buildkit_docker=${BUILDKIT_DOCKER:-/usr/bin/docker}
ldflags='-w -linkmode external -extldflags "-static" -buildid='
work=$(mktemp -d /tmp/minicontainer-bench.XXXXXX)
results=$work/results.tsv
export GOFLAGS=-buildvcs=false GOPROXY=off
# The core runner's build cache is the benchmark's own, so its cold start leaves the one other builds share alone.
core_cache_volume=minicontainer-bench-gocache
registry_pid= relay_pid=
stop_registry() { for pid in $relay_pid $registry_pid; do kill "$pid" 2>/dev/null || true; done; }
# Ours only: the images named after this run's registry (a new port each run) and the warm builders of our projects.
remove_ours() {
  local images; images=$(docker images --format '{{.ID}} {{.Repository}}' | awk -v r="${registry:-none}/bench/" 'index($2, r) == 1 { print $1 }' | sort -u)
  [ -z "$images" ] || docker image rm -f $images >/dev/null 2>&1 || true
  local warm; warm=$(own_warm_builders "$work"/src-* 2>/dev/null || true)
  [ -z "$warm" ] || docker rm -f $warm >/dev/null 2>&1 || true
}
# BENCH_KEEP=<folder>: the results, request logs and step logs are copied there at the end.
keep() { [ -z "${BENCH_KEEP:-}" ] || { mkdir -p "$BENCH_KEEP" && cp "$work"/results.tsv "$work"/requests-* "$work"/log-* "$BENCH_KEEP"/ 2>/dev/null; } || true; }
# The recipe's build server (on outside CI, as for a person's builds) keeps its socket here, and is stopped at the end.
export XDG_RUNTIME_DIR=$work/run
mkdir -m 700 "$XDG_RUNTIME_DIR"
server_pids() { cat "$XDG_RUNTIME_DIR"/minicontainer/servers/*.pid 2>/dev/null || true; }
stop_servers() {
  local pid; for pid in $(server_pids); do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 50); do [ -z "$(server_pids)" ] && return; sleep 0.1; done
}
trap 'keep; stop_registry; stop_servers; remove_ours; rm -rf "$work"' EXIT

log() { printf '[bench] %s\n' "$*" >&2; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
quiet() { "$@" >"$work/last.log" 2>&1 || { cat "$work/last.log" >&2; log "failed: $*"; exit 1; }; }
image_size() { docker image inspect -f '{{.Size}}' "$1"; }

# BuildKit before the legacy multi-stage: its cold prune also removes the legacy builder's dangling stage cache.
# Each user-path method follows the method whose cold start also resets its caches (BuildKit's prune; the
# shared build-cache volume): its own cold run is a preparation, neither cold nor recorded.
methods=(floor recipe buildkit cakebuildkit cakebuildkitpush multistage minicontainer cake cakepush)
prepared_not_cold=" cakebuildkit cakebuildkitpush cakepush "
for m in "${methods[@]}"; do
  mkdir -p "$work/src-$m"
  cp -r "$repo/examples/hello/." "$work/src-$m/"
  rm -rf "$work/src-$m/artifacts" "$work/src-$m/.cake" "$work/src-$m/tools"
  # The Cake consumers find the addin in this repository's packages, wherever their copies live.
  sed -i "s|\.\./\.\./artifacts/packages|$repo/artifacts/packages|" "$work/src-$m/nuget.config"
done
# The Cake + BuildKit consumers: hello's bootstrapper and Cake version, their own build.cake.
for m in cakebuildkit cakebuildkitpush; do cp "$repo/bench/cake-buildkit/build.cake" "$work/src-$m/build.cake"; done
# The Cake consumers are git work trees with a commit, as users' repositories are (the bootstrappers skip Cake's bootstrap
# pass there when it has nothing to install: README); .git stays out of the BuildKit context, as a user's .dockerignore keeps it.
for m in cake cakepush cakebuildkit cakebuildkitpush; do
  (cd "$work/src-$m" && printf '.git\n' >>.dockerignore && git init -q . && git add -A &&
    git -c user.name=bench -c user.email=bench@localhost commit -qm "bench copy of examples/hello")
done

cat >"$work/Dockerfile.recipe" <<DOCKERFILE
FROM $alpine
WORKDIR /app
COPY ./my-bin .
CMD ["./my-bin"]
DOCKERFILE
cat >"$work/Dockerfile.multistage" <<DOCKERFILE
FROM $builder AS build
ENV GOFLAGS=-buildvcs=false GOPROXY=off
WORKDIR /src
COPY . .
RUN CGO_ENABLED=1 go build -trimpath -ldflags '$ldflags' -o /out/app .
FROM scratch
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
DOCKERFILE
sed 's|^RUN CGO_ENABLED|RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod CGO_ENABLED|' \
  "$work/Dockerfile.multistage" >"$work/Dockerfile.buildkit"
# The Dockerfiles live in their contexts: one passed from outside is added to the context under a
# random name by the docker CLI, and `COPY . .` would then miss the cache on every build.
for m in multistage buildkit cakebuildkit cakebuildkitpush; do
  case $m in multistage) dockerfile=multistage ;; *) dockerfile=buildkit ;; esac
  cp "$work/Dockerfile.$dockerfile" "$work/src-$m/Dockerfile"
  printf 'Dockerfile\n.dockerignore\nartifacts\nmy-bin\napp\ntools\n.cake\n' >"$work/src-$m/.dockerignore"
done

# The loopback registry both push paths push to, behind a relay that counts the bytes each way.
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
registry_port=$(free_port)
mkdir -p "$work/registry"
cat >"$work/registry/config.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $work/registry/data
http:
  addr: 127.0.0.1:$registry_port
YAML
/usr/bin/docker-registry serve "$work/registry/config.yml" >"$work/registry/log" 2>&1 &
registry_pid=$!
relay_port=$(free_port)
python3 "$repo/bench/count-relay.py" "$relay_port" "$registry_port" "$work/relay.counts" "$work/relay.requests" 2>"$work/relay.log" &
relay_pid=$!
registry=127.0.0.1:$relay_port
for _ in $(seq 1 100); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://$registry/v2/" || true)" = 200 ] && break
  kill -0 "$registry_pid" "$relay_pid" 2>/dev/null || { cat "$work/registry/log" "$work/relay.log" >&2; log "the registry or its relay did not start"; exit 1; }
  sleep 0.1
done

pipeline_dll=$work/pipeline/MiniContainer.PipelineBench.dll
log "publishing the core-API runner (ReadyToRun, as a build host would load it) and packing the Cake addin"
quiet dotnet publish "$repo/bench/MiniContainer.PipelineBench" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/pipeline"
quiet "$repo/build.sh" Pack

# --- each method: <method>_cold prepares a cold start (untimed); <method>_run builds (timed) ---
# MiniContainer's warm builders of these methods' projects (only ours: others on the engine keep theirs).
own_warm_builders() {
  local ids; ids=$(docker ps -aq --no-trunc --filter label=org.minicontainer.warm-builder=true)
  [ -z "$ids" ] || docker inspect -f '{{.Id}}{{range .Mounts}} {{.Source}}{{end}}' $ids 2>/dev/null |
    awk -v dirs=" $* " '{ for (i = 2; i <= NF; i++) if (index(dirs, " " $i " ")) { print $1; next } }' || true # one removed meanwhile
}

floor_cold() { rm -rf "$work/gocache-host"; }
floor_run() { (cd "$work/src-floor" && GOCACHE=$work/gocache-host CC=musl-gcc CGO_ENABLED=1 quiet go build -trimpath -ldflags "$ldflags" -o app .); }

recipe_cold() { docker image rm -f bench/recipe >/dev/null 2>&1 || true; }
recipe_run() {
  quiet docker run --rm -v "$work/src-recipe":/usr/src/app -w /usr/src/app -e GOFLAGS -e GOPROXY "$builder" \
    sh -c "go get -v -d ./... && CC=\$(which gcc) go build -v --ldflags '-w -linkmode external -extldflags \"-static\"' -o my-bin"
  quiet docker build -q -t bench/recipe -f "$work/Dockerfile.recipe" "$work/src-recipe"
}

multistage_cold() { docker image rm -f bench/multistage >/dev/null 2>&1 || true; docker image prune -f >/dev/null 2>&1 || true; }
multistage_run() { DOCKER_BUILDKIT=0 quiet docker build -q -t bench/multistage "$work/src-multistage"; }

buildkit_cold() { docker image rm -f bench/buildkit >/dev/null 2>&1 || true; DOCKER_BUILDKIT=1 quiet "$buildkit_docker" builder prune -af; }
buildkit_run() { DOCKER_BUILDKIT=1 quiet "$buildkit_docker" build --network none -q -t bench/buildkit "$work/src-buildkit"; }

# The user's alternative: their own Cake script (bench/cake-buildkit/build.cake) running the same BuildKit build.
cakebuildkit_cold() { :; }
cakebuildkit_run() { (cd "$work/src-cakebuildkit" && NO_COLOR=1 quiet ./build.sh Image --image=bench/cakebuildkit:latest --docker="$buildkit_docker"); }
cakebuildkitpush_cold() { :; }
cakebuildkitpush_run() {
  (cd "$work/src-cakebuildkitpush" && NO_COLOR=1 quiet ./build.sh Push --registry="$registry" --image=bench/cakebuildkitpush:latest --docker="$buildkit_docker")
}

# mc_cold <image> <volume> <project folder>...: the image, the projects' warm builders and outputs, and the
# build-cache volume (which the engine keeps while any container, ours or another build's, still uses it).
mc_cold() {
  local image=$1 volume=$2; shift 2
  docker image rm -f "$image" >/dev/null 2>&1 || true
  local warm; warm=$(own_warm_builders "$@")
  [ -z "$warm" ] || docker rm -f $warm >/dev/null
  docker volume rm -f "$volume" >/dev/null 2>&1 || log "the build cache $volume is in use by another build: this cold start keeps it"
  for dir in "$@"; do rm -rf "$dir/artifacts"; done
}
minicontainer_cold() { mc_cold bench/minicontainer:latest "$core_cache_volume" "$work/src-minicontainer"; }
minicontainer_run() {
  MINICONTAINER_BENCH_GOCACHE_VOLUME=$core_cache_volume dotnet "$pipeline_dll" "$work/src-minicontainer" "$builder" scratch bench/minicontainer:latest \
    2>"$work/core.log" >/dev/null || { cat "$work/core.log" >&2; exit 1; }
}

# The push path's warm builder goes too: it holds the shared cache volume the Cake method's cold start removes.
# A cold start has no build server either: the cold build starts one, which the next builds use.
cake_cold() { stop_servers; mc_cold bench/cake:latest minicontainer-gocache "$work/src-cake" "$work/src-cakepush"; }
cake_run() {
  (cd "$work/src-cake" && NO_COLOR=1 quiet ./build.sh ComposeImage --builder-image="$builder" --base-image=scratch --ca-bundle=none --image-name=bench/cake --image-tag=latest)
}
# The deploy loop: the whole graph up to PublishImage, without the smoke test (the BuildKit script runs none).
cakepush_cold() { :; }
cakepush_run() {
  (cd "$work/src-cakepush" && NO_COLOR=1 quiet ./build.sh PublishImage --registry="$registry" --smoke-test=false \
    --builder-image="$builder" --base-image=scratch --ca-bundle=none --image-name=bench/cakepush --image-tag=latest)
}

# CPU seconds, in clock ticks. This shell's waited-for descendants, and the build servers, which are no one's
# waited-for child but run the recipe's steps: "user sys".
client_ticks() {
  local stat pid; read -ra stat <"/proc/$$/stat"; echo "${stat[15]} ${stat[16]}"
  for pid in $(server_pids); do [ -r "/proc/$pid/stat" ] && awk '{ sub(/^.*\) /, ""); print $12, $13 }' "/proc/$pid/stat"; done
  true
}
# The engine's share, "user sys": dockerd and containerd (with the children they reaped, e.g. docker-untar),
# BuildKit's build containers (cgroup docker/buildkit), and the warm builders of the given project folder.
engine_ticks() {
  local pid cg files=()
  for pid in $(pidof dockerd containerd); do
    awk '{ print $14 + $16, $15 + $17 }' "/proc/$pid/stat"
  done
  for cg in /sys/fs/cgroup/cpuacct/docker/buildkit $(own_warm_builders "$1" | sed 's|^|/sys/fs/cgroup/cpuacct/docker/|'); do
    [ -f "$cg/cpuacct.stat" ] && awk '/^user/ { u = $2 } /^system/ { s = $2 } END { print u, s }' "$cg/cpuacct.stat"
  done
  true
} 
sum_ticks() { awk '{ u += $1; s += $2 } END { print u + 0, s + 0 }'; }
relay_bytes() { cat "$work/relay.counts" 2>/dev/null || echo "0 0"; }

# One line changed, in a way that changes the binary (an unused constant would not).
one_line_change() { sed -i "s/^var version = .*/var version = \"bench-$1-$RANDOM\"/" "$work/src-$2/main.go"; }

for round in $(seq 1 "$rounds"); do
  for scenario in cold nochange oneline; do
    for m in "${methods[@]}"; do
      case $scenario in
        cold) "${m}_cold" ;;
        nochange) ;;
        oneline) one_line_change "$round" "$m" ;;
      esac
      # Untimed: the previous method's writes reach the disk now, not during this method's run.
      sync
      # Command substitutions, which the shell waits for: their CPU lands before the first sample.
      read -r eu0 es0 <<<"$(engine_ticks "$work/src-$m" | sum_ticks)"
      read -r up0 down0 <<<"$(relay_bytes)"; requests0=$(wc -l <"$work/relay.requests")
      read -r cu0 cs0 <<<"$(client_ticks | sum_ticks)"
      start=$(now); "${m}_run"; end=$(now)
      read -r cu1 cs1 <<<"$(client_ticks | sum_ticks)"
      sleep 0.3 # the relay's counters are rewritten every 0.1 s
      read -r up1 down1 <<<"$(relay_bytes)"
      read -r eu1 es1 <<<"$(engine_ticks "$work/src-$m" | sum_ticks)"
      took=$(elapsed "$start" "$end")
      if [ "$scenario" = cold ] && [[ $prepared_not_cold == *" $m "* ]]; then log "round $round $m prepared ($took s)"; continue; fi
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$scenario" "$m" "$took" \
        "$((cu1 - cu0))" "$((cs1 - cs0))" "$((eu1 - eu0))" "$((es1 - es0))" "$((up1 - up0))" "$((down1 - down0))" >>"$results"
      tail -n +"$((requests0 + 1))" "$work/relay.requests" >"$work/requests-$m-$scenario"
      cp "$work/last.log" "$work/log-$m-$scenario" 2>/dev/null || true
      log "round $round $scenario $m $took s"
    done
  done
done

# Host start-up of the Cake method on its own: a run whose steps are all up to date.
start=$(now); cake_run; end=$(now); cake_idle=$(elapsed "$start" "$end")

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) { print "-" } else if (NR % 2) { print a[(NR + 1) / 2] } else { printf "%.3f", (a[NR / 2] + a[NR / 2 + 1]) / 2 } }'; }
# cell <scenario> <method> [column]: the median of a column (4 wall s, 5/6 client user/sys ticks,
# 7/8 engine user/sys ticks, 9/10 bytes to/from the registry).
cell() { awk -F'\t' -v s="$1" -v m="$2" -v c="${3:-4}" '$2 == s && $3 == m { print $c }' "$results" | median; }
cpu_cell() { awk -F'\t' -v s="$1" -v m="$2" -v c="$3" '$2 == s && $3 == m { print ($c + $(c + 1)) / 100 }' "$results" | median; }

size_of() {
  case $1 in
    floor) stat -c %s "$work/src-floor/app" ;;
    recipe) image_size bench/recipe ;;
    multistage) image_size bench/multistage ;;
    buildkit) image_size bench/buildkit ;;
    cakebuildkit) image_size bench/cakebuildkit:latest ;;
    cakebuildkitpush) image_size "$registry/bench/cakebuildkitpush:latest" ;;
    cakepush) image_size bench/cakepush:latest 2>/dev/null || image_size "$registry/bench/cakepush:latest" ;;
    minicontainer) image_size bench/minicontainer:latest ;;
    cake) image_size bench/cake:latest ;;
  esac
}
describe() {
  case $1 in
    floor) echo "raw \`go build\` on the host, same static flags (the floor)" ;;
    recipe) echo "the recipe: \`docker run\` builder + \`docker build FROM alpine\`" ;;
    multistage) echo "multi-stage Dockerfile, legacy builder" ;;
    buildkit) echo "multi-stage, BuildKit with cache mounts" ;;
    cakebuildkit) echo "Cake script running BuildKit (\`./build.sh Image\`: \`docker build\`)" ;;
    cakebuildkitpush) echo "Cake script running BuildKit + \`docker push\` to a loopback registry" ;;
    minicontainer) echo "MiniContainer, core API (Compile → Verify → Image, scratch; whole process)" ;;
    cake) echo "MiniContainer, Cake recipe (\`./build.sh ComposeImage\`, host start-up included)" ;;
    cakepush) echo "MiniContainer, Cake recipe, \`./build.sh PublishImage --registry\` (loopback, no smoke test)" ;;
  esac
}

echo
echo "$(date -u +%Y-%m-%d), $(nproc) cores, $(go version | awk '{print $3}'), Docker $(docker version -f '{{.Server.Version}}'), median of $rounds rounds"
echo
echo "| method | cold | warm, no change | warm, one line changed | image |"
echo "|---|---|---|---|---|"
for m in "${methods[@]}"; do
  cold=$(cell cold "$m"); [ "$cold" = - ] || cold="$cold s"
  printf '| %s | %s | %s s | %s s | %s bytes |\n' "$(describe "$m")" "$cold" "$(cell nochange "$m")" "$(cell oneline "$m")" "$(size_of "$m")"
done
echo
echo "Cake host start-up (a run whose steps are all up to date): $cake_idle s"
echo
echo "| other / MiniContainer (core API) | cold | no change | one line |"
echo "|---|---|---|---|"
for m in floor recipe multistage buildkit cakebuildkit cake; do
  printf '| %s |' "$m"
  for s in cold nochange oneline; do
    awk -v o="$(cell "$s" "$m")" -v c="$(cell "$s" minicontainer)" 'BEGIN { if (o == "-") printf " – |"; else printf " %.2f× |", o / c }'
  done
  echo
done
echo
echo "MiniContainer on scratch: $(size_of minicontainer) bytes for a $(stat -c %s "$work/src-minicontainer/artifacts/bin/hello") byte binary."

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.2f", a / b; else print "-" }'; }
row() { # label, MiniContainer's value, the alternative's value, unit
  printf '| %s | %s %s | %s %s | %s |\n' "$1" "$2" "$4" "$3" "$4" "$(ratio "$2" "$3")"
}
echo
echo "The user paths, side by side (medians of $rounds; CPU = user + sys seconds; ratio = MiniContainer / the other):"
echo
echo "| path | MiniContainer recipe | Cake script + BuildKit (cache mounts) | ratio |"
echo "|---|---|---|---|"
row "one line changed, image in the engine (\`./build.sh ComposeImage\`)" "$(cell oneline cake)" "$(cell oneline cakebuildkit)" s
row "one line changed, pushed to a loopback registry (\`PublishImage --registry\`; the other: \`docker build\` + \`docker push\`)" "$(cell oneline cakepush)" "$(cell oneline cakebuildkitpush)" s
row "nothing changed, image in the engine" "$(cell nochange cake)" "$(cell nochange cakebuildkit)" s
row "nothing changed, pushed" "$(cell nochange cakepush)" "$(cell nochange cakebuildkitpush)" s
row "CPU (user) for the push path, one line changed: the build's processes" "$(awk -F'\t' '$2 == "oneline" && $3 == "cakepush" { print $5 / 100 }' "$results" | median)" "$(awk -F'\t' '$2 == "oneline" && $3 == "cakebuildkitpush" { print $5 / 100 }' "$results" | median)" s
row "CPU (user) for the push path, one line changed: the engine's share" "$(awk -F'\t' '$2 == "oneline" && $3 == "cakepush" { print $7 / 100 }' "$results" | median)" "$(awk -F'\t' '$2 == "oneline" && $3 == "cakebuildkitpush" { print $7 / 100 }' "$results" | median)" s
row "CPU (user + sys) for the push path, one line changed: processes + engine" "$(awk -F'\t' '$2 == "oneline" && $3 == "cakepush" { print ($5 + $6 + $7 + $8) / 100 }' "$results" | median)" "$(awk -F'\t' '$2 == "oneline" && $3 == "cakebuildkitpush" { print ($5 + $6 + $7 + $8) / 100 }' "$results" | median)" s
row "bytes sent to the registry, one line changed" "$(cell oneline cakepush 9)" "$(cell oneline cakebuildkitpush 9)" bytes
row "bytes sent to the registry, nothing changed" "$(cell nochange cakepush 9)" "$(cell nochange cakebuildkitpush 9)" bytes
row "core API (whole process) against BuildKit alone, one line changed" "$(cell oneline minicontainer)" "$(cell oneline buildkit)" s
echo
echo "CPU seconds of every row (medians; user + sys; the processes the command waited for | the engine's share):"
echo
echo "| method | no change | one line changed |"
echo "|---|---|---|"
for m in "${methods[@]}"; do
  printf '| %s | %s \| %s s | %s \| %s s |\n' "$m" "$(cpu_cell nochange "$m" 5)" "$(cpu_cell nochange "$m" 7)" "$(cpu_cell oneline "$m" 5)" "$(cpu_cell oneline "$m" 7)"
done
echo
echo "Registry requests of the last run of each push path (the relay's view: method and path, digests shortened):"
for m in cakepush cakebuildkitpush; do
  for s in oneline nochange; do
    echo
    echo "$m, $s:"
    while read -r line; do
      # An upload's size, from the registry's own storage.
      digest=$(sed -n 's/.*digest=sha256%3A\([0-9a-f]*\).*/\1/p' <<<"$line")
      size=; [ -z "$digest" ] || size=" ($(stat -c %s "$work/registry/data/docker/registry/v2/blobs/sha256/${digest:0:2}/$digest/data" || echo ?) bytes)"
      echo "    $(sed -E 's/(sha256(:|%3A|-)[0-9a-f]{12})[0-9a-f]*/\1/g; s/(uploads\/)[0-9a-f-]+/\1<id>/; s/\?_state=[^&]*&?/?/; s/\?$//' <<<"$line")$size"
    done <"$work/requests-$m-$s"
  done
done
echo
echo "The MiniContainer recipe's own step times, last run with one line changed:"
for m in cake cakepush; do
  echo
  echo "$m:"
  sed -n '/^Steps:/,$p' "$work/log-$m-oneline" | sed 's/^/    /'
done
