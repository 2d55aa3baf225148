#!/usr/bin/env bash
# Starts dockerd when it is not answering and makes the base images that real definitions use,
# since nothing can be pulled on these machines:
#   debian:bookworm-slim  debootstrap --variant=minbase (a real Debian: apt-get works in builds);
#                         the rootfs tarball is cached, so only the first run pays for debootstrap
#   busybox:stable        busybox-static in an otherwise empty root (~2 MB, for fast tests)
# and checks that `docker buildx build` works with the default (docker driver) builder.
# Tests start their own registries; a plain one on 127.0.0.1 is started here only when asked.
# Idempotent. Needs root to start dockerd.
#
# Environment:
#   DOCKWRIGHT_ENGINE_CACHE    cache and log dir (default /var/tmp/dockwright-engine)
#   DOCKWRIGHT_ENGINE_STARTED  file to which "NAME PID" is appended for each process started
#                              here, so that the caller can stop exactly those
#   DOCKWRIGHT_REGISTRY_PORT   if set, also start a plain registry (no auth) on 127.0.0.1:PORT
#   DOCKWRIGHT_DEBIAN_MIRROR   mirror for debootstrap (default: debootstrap's own)
set -euo pipefail

cache=${DOCKWRIGHT_ENGINE_CACHE:-/var/tmp/dockwright-engine}
mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9   # (closed for the daemons started below, which would otherwise hold it)

started() { if [[ -n ${DOCKWRIGHT_ENGINE_STARTED:-} ]]; then echo "$1 $2" >>"$DOCKWRIGHT_ENGINE_STARTED"; fi; }
elapsed() { echo "$((SECONDS - $1))s"; }

# --- dockerd ---------------------------------------------------------------------------------
if docker info >/dev/null 2>&1; then
  echo "dockerd: already answering ($(docker version --format '{{.Server.Version}}'))"
elif [[ -n ${DOCKER_HOST:-} && $DOCKER_HOST != unix:///var/run/docker.sock && $DOCKER_HOST != unix:///run/docker.sock ]]; then
  echo "start-engine: DOCKER_HOST=$DOCKER_HOST does not answer, and it is not a daemon this script starts" >&2
  exit 1
else
  t=$SECONDS
  # a pid file left by a daemon that was killed: dockerd refuses to start only if that pid is
  # alive, which can be an unrelated process by now
  if [[ -f /var/run/docker.pid ]]; then
    old=$(cat /var/run/docker.pid 2>/dev/null || true)
    if [[ -n $old && $(cat "/proc/$old/comm" 2>/dev/null || true) != dockerd ]]; then rm -f /var/run/docker.pid; fi
  fi
  nohup dockerd >"$cache/dockerd.log" 2>&1 </dev/null 9>&- &
  pid=$!
  echo "$pid" >"$cache/dockerd.pid"
  started dockerd "$pid"
  for _ in $(seq 1 120); do
    docker info >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if ! docker info >/dev/null 2>&1; then
    echo "start-engine: dockerd did not come up; last lines of $cache/dockerd.log:" >&2
    tail -n 30 "$cache/dockerd.log" >&2
    exit 1
  fi
  echo "dockerd: started pid $pid ($(docker version --format '{{.Server.Version}}'), $(elapsed "$t"))"
fi

# --- base images -----------------------------------------------------------------------------
# docker import gives an image with no config; these --change lines give the Env/Cmd the real
# images have, and a CMD that differs tells an image made some other way, which is made anew.
path_env='ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
image_cmd() { docker image inspect --format '{{json .Config.Cmd}}' "$1" 2>/dev/null || true; }
image_id() { docker image inspect --format '{{.Id}}' "$1" 2>/dev/null || true; }
# an image replaced here is left untagged; remove it unless something still uses it
drop_old() { if [[ -n $1 ]]; then docker image rm "$1" >/dev/null 2>&1 || true; fi; }

unmount_under() {
  local dir=$1 mnt
  # deepest first; mount points are the 5th field of mountinfo
  awk -v d="$dir/" 'index($5, d) == 1 { print $5 }' /proc/self/mountinfo | sort -r | while read -r mnt; do
    umount -l "$mnt" 2>/dev/null || true
  done
}

if [[ $(image_cmd busybox:stable) != '["sh"]' ]]; then
  t=$SECONDS
  old=$(image_id busybox:stable)
  busybox=$(command -v busybox || true)
  [[ -n $busybox ]] || { echo "start-engine: no busybox (install busybox-static: .ci/install-engine.sh)" >&2; exit 1; }
  root=$(mktemp -d "$cache/busybox-root.XXXXXX")
  mkdir -p "$root/bin" "$root/etc" "$root/root" "$root/home" "$root/var" "$root/tmp"
  chmod 1777 "$root/tmp"
  cp "$busybox" "$root/bin/busybox"
  for applet in $("$root/bin/busybox" --list); do
    [[ $applet == busybox ]] || ln -sf busybox "$root/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  tar --numeric-owner -C "$root" -c . | docker import --change "$path_env" --change 'CMD ["sh"]' - busybox:stable >/dev/null
  rm -rf "$root"
  drop_old "$old"
  echo "busybox:stable: made ($(elapsed "$t"))"
else
  echo "busybox:stable: present"
fi

if [[ $(image_cmd debian:bookworm-slim) != '["bash"]' ]]; then
  t=$SECONDS
  old=$(image_id debian:bookworm-slim)
  tarball=$cache/debian-bookworm-minbase.tar
  if [[ ! -s $tarball ]]; then
    echo "debian:bookworm-slim: debootstrap --variant=minbase bookworm (log: $cache/debootstrap.log)"
    root=$(mktemp -d "$cache/bookworm-root.XXXXXX")
    trap 'unmount_under "$root"; rm -rf "$root" "$tarball.tmp"' EXIT
    mirror=()
    if [[ -n ${DOCKWRIGHT_DEBIAN_MIRROR:-} ]]; then mirror=("$DOCKWRIGHT_DEBIAN_MIRROR"); fi
    if ! debootstrap --variant=minbase bookworm "$root" "${mirror[@]}" >"$cache/debootstrap.log" 2>&1; then
      echo "start-engine: debootstrap failed; last lines of $cache/debootstrap.log:" >&2
      tail -n 30 "$cache/debootstrap.log" >&2
      exit 1
    fi
    unmount_under "$root"
    # like the real slim image: no downloaded packages, no package lists
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/cache/apt/*.bin "$root"/var/lib/apt/lists/*
    mkdir -p "$root/var/lib/apt/lists/partial"
    tar --numeric-owner -C "$root" -cf "$tarball.tmp" .
    mv "$tarball.tmp" "$tarball"
    rm -rf "$root"
    trap - EXIT
  fi
  docker import --change "$path_env" --change 'CMD ["bash"]' "$tarball" debian:bookworm-slim >/dev/null
  drop_old "$old"
  echo "debian:bookworm-slim: made ($(elapsed "$t"))"
else
  echo "debian:bookworm-slim: present"
fi

# --- buildx with the docker driver -----------------------------------------------------------
if ! docker buildx inspect 2>/dev/null | grep -qE '^Driver:[[:space:]]+docker$'; then
  docker buildx use default
fi
t=$SECONDS
printf 'FROM busybox:stable\nRUN true\n' | docker buildx build --quiet --no-cache --output type=cacheonly - >/dev/null
echo "buildx: $(docker buildx version | awk '{ print $2 }'), default builder builds ($(elapsed "$t"))"

# --- optional plain registry -----------------------------------------------------------------
if [[ -n ${DOCKWRIGHT_REGISTRY_PORT:-} ]]; then
  port=$DOCKWRIGHT_REGISTRY_PORT
  if curl -fsS "http://127.0.0.1:$port/v2/" >/dev/null 2>&1; then
    echo "registry: already answering on 127.0.0.1:$port"
  else
    mkdir -p "$cache/registry-data"
    cat >"$cache/registry.yml" <<YML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $cache/registry-data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
YML
    nohup docker-registry serve "$cache/registry.yml" >"$cache/registry.log" 2>&1 </dev/null 9>&- &
    pid=$!
    started docker-registry "$pid"
    for _ in $(seq 1 40); do curl -fsS "http://127.0.0.1:$port/v2/" >/dev/null 2>&1 && break; sleep 0.25; done
    curl -fsS "http://127.0.0.1:$port/v2/" >/dev/null || { tail -n 20 "$cache/registry.log" >&2; exit 1; }
    echo "registry: started pid $pid on 127.0.0.1:$port"
  fi
fi

echo "engine ready: docker $(docker version --format '{{.Server.Version}}')"
