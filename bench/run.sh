#!/usr/bin/env bash
# Builds the same Go program (examples/hello: net/http + os/user, a ~5 MB static binary) every way
# users build one today, and with MiniContainer, interleaved round by round, and prints the median
# times (cold, warm with no change, warm with one line changed), the image sizes, and the ratios of
# MiniContainer to each of the others. Uses the local test-bed images (eng/testbed.sh).
#
#   bench/run.sh [rounds]          (default 5; needs the engine, go, musl-gcc, and Debian's docker.io
#                                   client at /usr/bin/docker for the BuildKit method)
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
trap 'rm -rf "$work"' EXIT

log() { printf '[bench] %s\n' "$*" >&2; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
quiet() { "$@" >"$work/last.log" 2>&1 || { cat "$work/last.log" >&2; log "failed: $*"; exit 1; }; }
image_size() { docker image inspect -f '{{.Size}}' "$1"; }

# BuildKit before the legacy multi-stage: its cold prune also removes the legacy builder's dangling stage cache.
methods=(floor recipe buildkit multistage minicontainer cake)
for m in "${methods[@]}"; do
  mkdir -p "$work/src-$m"
  cp -r "$repo/examples/hello/." "$work/src-$m/"
  rm -rf "$work/src-$m/artifacts" "$work/src-$m/.cake" "$work/src-$m/tools"
done
# The Cake consumer finds the addin in this repository's packages, wherever its copy lives.
sed -i "s|\.\./\.\./artifacts/packages|$repo/artifacts/packages|" "$work/src-cake/nuget.config"

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
for m in multistage buildkit; do
  cp "$work/Dockerfile.$m" "$work/src-$m/Dockerfile"
  printf 'Dockerfile\n.dockerignore\nartifacts\nmy-bin\napp\n' >"$work/src-$m/.dockerignore"
done

pipeline_dll=$work/pipeline/MiniContainer.PipelineBench.dll
log "publishing the core-API runner (ReadyToRun, as a build host would load it) and packing the Cake addin"
quiet dotnet publish "$repo/bench/MiniContainer.PipelineBench" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/pipeline"
quiet "$repo/build.sh" Pack

# --- each method: <method>_cold prepares a cold start (untimed); <method>_run builds (timed) ---

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

mc_cold() {
  docker image rm -f "$1" >/dev/null 2>&1 || true
  local warm; warm=$(docker ps -aq --filter label=org.minicontainer.warm-builder=true)
  [ -z "$warm" ] || docker rm -f $warm >/dev/null
  docker volume rm -f minicontainer-gocache >/dev/null 2>&1 || true
  rm -rf "$2/artifacts"
}
minicontainer_cold() { mc_cold bench/minicontainer:latest "$work/src-minicontainer"; }
minicontainer_run() {
  dotnet "$pipeline_dll" "$work/src-minicontainer" "$builder" scratch bench/minicontainer:latest 2>"$work/core.log" >/dev/null || { cat "$work/core.log" >&2; exit 1; }
  # The core API's own time: the runner's .NET start-up is host start-up, not pipeline.
  sed -n 's/.*total \([0-9.]*\) s.*/\1/p' "$work/core.log" >"$work/measured"
}

cake_cold() { mc_cold bench/cake:latest "$work/src-cake"; }
cake_run() {
  (cd "$work/src-cake" && NO_COLOR=1 quiet ./build.sh ComposeImage --builder-image="$builder" --base-image=scratch --ca-bundle=none --image=bench/cake --tag=latest)
}

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
      rm -f "$work/measured"
      # Untimed: the previous method's writes reach the disk now, not during this method's run.
      sync
      start=$(now); "${m}_run"; end=$(now)
      took=$(elapsed "$start" "$end")
      [ -s "$work/measured" ] && took=$(cat "$work/measured")
      printf '%s\t%s\t%s\t%s\n' "$round" "$scenario" "$m" "$took" >>"$results"
      log "round $round $scenario $m $took s"
    done
  done
done

# Host start-up of the Cake method on its own: a run whose steps are all up to date.
start=$(now); cake_run; end=$(now); cake_idle=$(elapsed "$start" "$end")

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) { print "-" } else if (NR % 2) { print a[(NR + 1) / 2] } else { printf "%.3f", (a[NR / 2] + a[NR / 2 + 1]) / 2 } }'; }
cell() { awk -F'\t' -v s="$1" -v m="$2" '$2 == s && $3 == m { print $4 }' "$results" | median; }

size_of() {
  case $1 in
    floor) stat -c %s "$work/src-floor/app" ;;
    recipe) image_size bench/recipe ;;
    multistage) image_size bench/multistage ;;
    buildkit) image_size bench/buildkit ;;
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
    minicontainer) echo "MiniContainer, core API (Compile → Verify → Image, scratch)" ;;
    cake) echo "MiniContainer, Cake recipe (\`./build.sh ComposeImage\`, host start-up included)" ;;
  esac
}

echo
echo "$(date -u +%Y-%m-%d), $(nproc) cores, $(go version | awk '{print $3}'), Docker $(docker version -f '{{.Server.Version}}'), median of $rounds rounds"
echo
echo "| method | cold | warm, no change | warm, one line changed | image |"
echo "|---|---|---|---|---|"
for m in "${methods[@]}"; do
  printf '| %s | %s s | %s s | %s s | %s bytes |\n' "$(describe "$m")" "$(cell cold "$m")" "$(cell nochange "$m")" "$(cell oneline "$m")" "$(size_of "$m")"
done
echo
echo "Cake host start-up (a run whose steps are all up to date): $cake_idle s"
echo
echo "| other / MiniContainer (core API) | cold | no change | one line |"
echo "|---|---|---|---|"
for m in floor recipe multistage buildkit cake; do
  printf '| %s |' "$m"
  for s in cold nochange oneline; do
    awk -v o="$(cell "$s" "$m")" -v c="$(cell "$s" minicontainer)" 'BEGIN { printf " %.2f× |", o / c }'
  done
  echo
done
echo
echo "MiniContainer on scratch: $(size_of minicontainer) bytes for a $(stat -c %s "$work/src-minicontainer/artifacts/bin/hello") byte binary."
