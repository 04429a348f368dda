#!/usr/bin/env bash
# Makes the local images the integration tests need, since no image registry can be reached:
#   - a Go builder: Debian minbase + golang-go, gcc, musl-tools, ca-certificates, git; CC=musl-gcc,
#     with the Linux kernel headers made visible to musl-gcc (as Alpine's linux-headers does);
#   - an Alpine stand-in runtime base: busybox-static + the musl loader, no CA certificates.
# Idempotent and cached: an image is rebuilt only when this script changes (its hash is a label).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
BUILDER_IMAGE=${MINICONTAINER_TESTBED_BUILDER:-minicontainer-testbed/go-builder:latest}
ALPINE_IMAGE=${MINICONTAINER_TESTBED_ALPINE:-minicontainer-testbed/alpine:latest}
docker=${DOCKER:-docker}
recipe_hash=$(cat "$0" "$here/apt-sources.sh" | sha256sum | cut -c1-16)

log() { printf '[testbed] %s\n' "$*"; }

image_is_current() {
  local label
  label=$($docker image inspect --format '{{ index .Config.Labels "org.minicontainer.testbed.recipe" }}' "$1" 2>/dev/null) || return 1
  [ "$label" = "$recipe_hash" ]
}

import_rootfs() { # tarball image changes...
  local tarball=$1 image=$2; shift 2
  local changes=(--change "LABEL org.minicontainer.testbed.recipe=$recipe_hash")
  local c; for c in "$@"; do changes+=(--change "$c"); done
  $docker import "${changes[@]}" "$tarball" "$image" >/dev/null
  log "imported $image ($($docker image inspect --format '{{.Size}}' "$image") bytes)"
}

build_builder() {
  local work; work=$(mktemp -d); trap 'rm -rf "$work"' RETURN
  log "building $BUILDER_IMAGE with mmdebstrap from the machine's apt sources (a few minutes)"
  local sources; sources=$("$here/apt-sources.sh")
  [ -n "$sources" ] || { log "no Debian apt sources found in /etc/apt"; exit 1; }
  local suite; suite=$(awk 'NR==1 {print $3}' <<<"$sources")
  # Kernel headers: Debian's musl-gcc searches only /usr/include/<arch>-linux-musl, so link
  # linux/, asm/ and asm-generic/ there (Alpine gets the same from its linux-headers package).
  printf '%s\n' "$sources" | mmdebstrap --variant=minbase --mode=root --format=tar \
    --aptopt='Acquire::Check-Valid-Until "false"' --aptopt='Acquire::Languages "none"' \
    --include=golang-go,gcc,libc6-dev,musl-tools,linux-libc-dev,ca-certificates,git,file \
    --customize-hook='for d in linux asm-generic; do ln -sfn /usr/include/$d "$1/usr/include/x86_64-linux-musl/$d"; done; ln -sfn /usr/include/x86_64-linux-gnu/asm "$1/usr/include/x86_64-linux-musl/asm"' \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
    "$suite" "$work/rootfs.tar" - >"$work/mmdebstrap.log" 2>&1 \
    || { tail -n 40 "$work/mmdebstrap.log"; log "mmdebstrap failed"; exit 1; }
  import_rootfs "$work/rootfs.tar" "$BUILDER_IMAGE" \
    'ENV PATH=/usr/local/go/bin:/usr/lib/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    'ENV CC=musl-gcc' 'ENV GOPATH=/go' 'ENV GOCACHE=/root/.cache/go-build' 'WORKDIR /src' 'CMD ["go","version"]'
}

build_alpine() {
  local work; work=$(mktemp -d); trap 'rm -rf "$work"' RETURN
  log "building $ALPINE_IMAGE (busybox-static + musl loader)"
  local busybox=/bin/busybox musl_libc=/usr/lib/x86_64-linux-musl/libc.so
  [ -x "$busybox" ] && file -L "$busybox" | grep -q 'statically linked' || { log "needs busybox-static (apt-get install busybox-static)"; exit 1; }
  [ -f "$musl_libc" ] || { log "needs the musl package (apt-get install musl)"; exit 1; }
  local root=$work/root
  mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,lib,etc/ssl/certs,tmp,root,home,var,app}
  chmod 1777 "$root/tmp"
  cp "$busybox" "$root/bin/busybox"
  local applet; for applet in $("$busybox" --list); do
    [ "$applet" = busybox ] || ln -sf /bin/busybox "$root/bin/$applet"
  done
  cp "$musl_libc" "$root/lib/ld-musl-x86_64.so.1"
  ln -sf ld-musl-x86_64.so.1 "$root/lib/libc.musl-x86_64.so.1"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnobody:x:65534:\n' >"$root/etc/group"
  printf 'NAME="Alpine stand-in"\nID=alpine\nPRETTY_NAME="MiniContainer test bed: busybox + musl, no CA certificates"\n' >"$root/etc/os-release"
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$root" -cf "$work/rootfs.tar" .
  import_rootfs "$work/rootfs.tar" "$ALPINE_IMAGE" 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' 'CMD ["/bin/sh"]'
}

$docker version --format '{{.Server.Version}}' >/dev/null 2>&1 || { log "the Docker Engine does not answer (DOCKER_HOST=${DOCKER_HOST:-unset}); start dockerd first"; exit 1; }
if image_is_current "$BUILDER_IMAGE"; then log "$BUILDER_IMAGE is current"; else build_builder; fi
if image_is_current "$ALPINE_IMAGE"; then log "$ALPINE_IMAGE is current"; else build_alpine; fi
