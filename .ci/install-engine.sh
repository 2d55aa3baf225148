#!/usr/bin/env bash
# Installs what dockwright's engine tests need, from Debian's packages only:
#   - a Docker engine with BuildKit, buildx and compose. bookworm's own docker.io is 20.10 (old
#     BuildKit, no buildx), so docker.io, docker-cli, containerd, docker-buildx and docker-compose
#     come from trixie while every dependency (libc6, runc, tini, iptables) stays on bookworm:
#     a second apt source with suite trixie, pinned low so nothing else is pulled from it;
#   - docker-registry (the distribution registry 2.8) and apache2-utils (htpasswd, bcrypt) for
#     registries started by tests;
#   - debootstrap and busybox-static to make base images (nothing can be pulled);
#   - iproute2 (`ip`), with which engine tests give a second dockerd a bridge of its own;
#   - qemu-user-static and binfmt-support, so that an arm64 `RUN` runs under emulation, and the
#     arm64 busybox-static package (downloaded, not installed: start-engine.sh makes an arm64
#     busybox base image from it), for the multi-platform engine tests.
# Idempotent: exits at once when everything is already there. Needs root (or sudo).
# Takes ~30-60 s on a new machine.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

sudo=()
if [[ $EUID -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-engine: needs root (or sudo)" >&2; exit 1; }
  sudo=(sudo --preserve-env=DEBIAN_FRONTEND)
fi

dockerd_major() { dockerd --version 2>/dev/null | sed -nE 's/^Docker version ([0-9]+)\..*/\1/p'; }

engine_ready() {
  local major
  major=$(dockerd_major)
  [[ -n $major && $major -ge 26 ]] || return 1
  docker buildx version >/dev/null 2>&1 || return 1
  docker compose version >/dev/null 2>&1 || return 1
  local tool
  for tool in containerd runc docker-registry htpasswd debootstrap curl ip flock; do
    command -v "$tool" >/dev/null || return 1
  done
  [[ -x /bin/busybox ]] || return 1
  [[ -x /usr/bin/qemu-aarch64-static ]] || return 1
  command -v update-binfmts >/dev/null || return 1
  compgen -G "$arm64_debs/busybox-static_*_arm64.deb" >/dev/null || return 1
}

# where the arm64 busybox-static package is kept (start-engine.sh reads it from there)
arm64_debs=${DOCKWRIGHT_ENGINE_CACHE:-/var/tmp/dockwright-engine}/arm64-debs

if engine_ready; then
  echo "engine already installed: $(dockerd --version)"
  exit 0
fi

# A trixie source derived from the machine's own bookworm source: same mirror, main only, so no
# mirror address is written here. Skipped when some source already offers trixie.
if ! grep -rqsE '(^|[[:space:]])trixie([[:space:]]|$)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  deb822=/etc/apt/sources.list.d/debian.sources
  if [[ -f $deb822 ]]; then
    awk 'BEGIN { RS = ""; ORS = "\n\n" }
         /(^|\n)Suites:[ \t]*bookworm([ \t\n]|$)/ {
           sub(/Suites:[^\n]*/, "Suites: trixie"); sub(/Components:[^\n]*/, "Components: main"); print
         }' "$deb822" | "${sudo[@]}" tee /etc/apt/sources.list.d/zz-dockwright-trixie.sources >/dev/null
  elif [[ -f /etc/apt/sources.list ]]; then
    awk '$1 == "deb" && $0 ~ /[ \t]bookworm[ \t]/ { sub(/[ \t]bookworm[ \t].*/, " trixie main"); print }' \
      /etc/apt/sources.list | "${sudo[@]}" tee /etc/apt/sources.list.d/zz-dockwright-trixie.list >/dev/null
  else
    echo "install-engine: no bookworm apt source found to derive a trixie source from" >&2
    exit 1
  fi
fi
"${sudo[@]}" tee /etc/apt/preferences.d/zz-dockwright-trixie >/dev/null <<'PREF'
Package: *
Pin: release n=trixie
Pin-Priority: 100
PREF

# Package scripts must not start daemons (start-engine.sh starts dockerd itself, so that whoever
# started it can stop it). Machines made from container images usually have such a policy already.
if [[ ! -e /usr/sbin/policy-rc.d ]]; then
  printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee /usr/sbin/policy-rc.d >/dev/null
  "${sudo[@]}" chmod 755 /usr/sbin/policy-rc.d
  trap '"${sudo[@]}" rm -f /usr/sbin/policy-rc.d' EXIT
fi

echo "apt-get update"
"${sudo[@]}" apt-get update -qq
echo "apt-get install (docker from trixie, the rest from bookworm)"
"${sudo[@]}" apt-get install -y -qq --no-install-recommends \
  docker.io/trixie docker-cli/trixie containerd/trixie docker-buildx/trixie docker-compose/trixie \
  runc tini iptables iproute2 docker-registry apache2-utils debootstrap busybox-static curl ca-certificates \
  qemu-user-static binfmt-support \
  >/dev/null

# the arm64 busybox-static package, for an arm64 base image (nothing can be pulled)
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  "${sudo[@]}" dpkg --add-architecture arm64
  echo "apt-get update (arm64 added)"
  "${sudo[@]}" apt-get update -qq
fi
mkdir -p "$arm64_debs"
if ! compgen -G "$arm64_debs/busybox-static_*_arm64.deb" >/dev/null; then
  (cd "$arm64_debs" && apt-get download -qq busybox-static:arm64)
fi

engine_ready || { echo "install-engine: something is still missing after the install" >&2; exit 1; }
dockerd --version
docker buildx version
docker compose version
