#!/usr/bin/env bash
# Makes this machine ready to build and test MiniContainer: Debian packages, a running Docker
# Engine, and the local test images. Idempotent: each part is skipped when already there.
# Needs root (or sudo) for apt-get and dockerd.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
log() { printf '[provision] %s\n' "$*"; }
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

packages=(docker.io golang-go gcc libc6-dev musl-tools mmdebstrap docker-registry skopeo umoci busybox-static musl apache2-utils binutils file git ca-certificates openssl qemu-user-static)

install_packages() {
  local missing=() p
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then log "Debian packages present"; return; fi
  log "installing Debian packages: ${missing[*]}"
  sudo_if_needed apt-get update -q >/dev/null
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
}

engine_answers() { timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

start_engine() {
  if engine_answers; then log "Docker Engine answers ($(docker version --format '{{.Server.Version}}'))"; return; fi
  if [ -n "${DOCKER_HOST:-}" ]; then
    log "DOCKER_HOST=$DOCKER_HOST does not answer; start that engine, or unset DOCKER_HOST to use a local one"; exit 1
  fi
  log "starting dockerd (no bridge network, no iptables; log in /var/log/minicontainer-dockerd.log)"
  # No bridge: no container gets a private-range network; tests use the host network on loopback.
  sudo_if_needed sh -c 'setsid dockerd --bridge=none --iptables=false >/var/log/minicontainer-dockerd.log 2>&1 < /dev/null &'
  local i
  for i in $(seq 1 60); do
    engine_answers && { log "Docker Engine is up"; return; }
    sleep 1
  done
  tail -n 20 /var/log/minicontainer-dockerd.log || true
  log "dockerd did not answer within 60 s"; exit 1
}

install_packages
start_engine
"$here/testbed.sh"
