#!/usr/bin/env bash
# Starts dockerd when it is not answering and makes the base images that real definitions use,
# since nothing can be pulled on these machines:
#   debian:bookworm-slim  debootstrap --variant=minbase (a real Debian: apt-get works in builds);
#                         the rootfs tarball is cached, so only the first run pays for debootstrap
#   busybox:stable        busybox-static in an otherwise empty root (~2 MB, for fast tests)
# and checks that `docker buildx build` works with the default (docker driver) builder.
# Tests start their own registries; a plain one on 127.0.0.1 is started here only when asked.
# For the multi-platform and registry-cache tests it also
#   - registers qemu's binfmt handlers (an arm64 `RUN` runs under emulation);
#   - starts a second dockerd with the containerd image store (the default engine keeps the
#     classic store, which other engine tests rely on): its own data-root, exec-root, pidfile,
#     socket and bridge; its address is written to $cache/containerd-engine.env as
#     DOCKWRIGHT_TEST_CONTAINERD_HOST=unix://…, which .ci/run exports to the tests;
#   - makes busybox:stable and debian:bookworm-slim there for linux/amd64 and linux/arm64 (one
#     image, both platforms, each); the arm64 Debian root is a debootstrap --arch=arm64 whose second
#     stage runs under qemu, cached as a tarball like the amd64 one.
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
# wait_up PID LOG WHAT DOCKER...: waits up to 60 s for `DOCKER... info` to answer while PID lives;
# if it never does, prints the last lines of LOG and exits
wait_up() {
  local pid=$1 log=$2 what=$3
  shift 3
  for _ in $(seq 1 120); do
    "$@" info >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if ! "$@" info >/dev/null 2>&1; then
    echo "start-engine: $what did not come up; last lines of $log:" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
}

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
  wait_up "$pid" "$cache/dockerd.log" dockerd docker
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

# A debootstrap --variant=minbase root of bookworm for ARCH as a tarball, made once and kept in the
# cache (later runs only read it). A foreign ARCH (arm64) runs debootstrap's second stage under
# qemu's binfmt handler, which start-engine.sh registers before it asks for one.
minbase_tarball() { # ARCH -> prints the tarball's path
  local arch=$1 tarball log root
  if [[ $arch == amd64 ]]; then tarball=$cache/debian-bookworm-minbase.tar log=$cache/debootstrap.log
  else tarball=$cache/debian-bookworm-minbase-$arch.tar log=$cache/debootstrap-$arch.log; fi
  if [[ ! -s $tarball ]]; then
    echo "debian:bookworm-slim: debootstrap --arch=$arch --variant=minbase bookworm (log: $log)" >&2
    root=$(mktemp -d "$cache/bookworm-root-$arch.XXXXXX")
    # shellcheck disable=SC2064  # the paths are fixed now
    trap "unmount_under '$root'; rm -rf '$root' '$tarball.tmp'" EXIT
    local mirror=()
    if [[ -n ${DOCKWRIGHT_DEBIAN_MIRROR:-} ]]; then mirror=("$DOCKWRIGHT_DEBIAN_MIRROR"); fi
    if ! debootstrap --arch="$arch" --variant=minbase bookworm "$root" "${mirror[@]}" >"$log" 2>&1; then
      echo "start-engine: debootstrap --arch=$arch failed; last lines of $log:" >&2
      tail -n 30 "$log" >&2
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
  echo "$tarball"
}

if [[ $(image_cmd debian:bookworm-slim) != '["bash"]' ]]; then
  t=$SECONDS
  old=$(image_id debian:bookworm-slim)
  tarball=$(minbase_tarball amd64)
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

# --- emulation: qemu's binfmt handlers ---------------------------------------------------------
if [[ ! -e /proc/sys/fs/binfmt_misc/register ]]; then
  mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
fi
if [[ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]]; then
  update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || update-binfmts --import qemu-aarch64
fi
grep -qx enabled /proc/sys/fs/binfmt_misc/qemu-aarch64 || { echo "start-engine: qemu-aarch64 binfmt handler is not enabled" >&2; exit 1; }
echo "binfmt: qemu-aarch64 $(sed -n 's/^flags: //p' /proc/sys/fs/binfmt_misc/qemu-aarch64)"

# --- a second engine with the containerd image store -----------------------------------------
ce=$cache/containerd-engine
ce_host=unix://$ce/docker.sock
ce_bridge=dwcd0
ce_subnet=10.213.77.0/24
cdocker() { docker --host "$ce_host" "$@"; }
mkdir -p "$ce"
if cdocker info >/dev/null 2>&1; then
  echo "containerd-store dockerd: already answering on $ce_host"
else
  t=$SECONDS
  # its own bridge (never "bridge": "none": that deletes the first engine's docker0)
  if ! ip link show "$ce_bridge" >/dev/null 2>&1; then
    ip link add name "$ce_bridge" type bridge
    ip addr add "${ce_subnet%.0/24}.1/24" dev "$ce_bridge"
  fi
  ip link set "$ce_bridge" up
  printf '{"features": {"containerd-snapshotter": true}}\n' >"$ce/daemon.json"
  if [[ -f $ce/docker.pid ]]; then
    old=$(cat "$ce/docker.pid" 2>/dev/null || true)
    if [[ -n $old && $(cat "/proc/$old/comm" 2>/dev/null || true) != dockerd ]]; then rm -f "$ce/docker.pid"; fi
  fi
  nohup dockerd --config-file "$ce/daemon.json" --host "$ce_host" --data-root "$ce/data" --exec-root "$ce/exec" \
    --pidfile "$ce/docker.pid" --bridge "$ce_bridge" --iptables=false --ip6tables=false --ip-forward=false \
    --containerd-namespace dockwright-cd --containerd-plugins-namespace dockwright-cd-plugins \
    >"$ce/dockerd.log" 2>&1 </dev/null 9>&- &
  pid=$!
  started dockerd "$pid"
  wait_up "$pid" "$ce/dockerd.log" 'the containerd-store dockerd' cdocker
  echo "containerd-store dockerd: started pid $pid on $ce_host ($(elapsed "$t"))"
fi
# Its containers (and RUN steps: apt-get in builds) reach the network through rules added here, on
# every run, once each: it is started with --iptables=false, since two dockerds rewriting the same
# chains fight. Only rules about its own bridge; the default engine's rules are left as they are
# (its DOCKER-USER chain, where such rules belong, when it has one; FORWARD otherwise).
forward_chain=FORWARD
if iptables -L DOCKER-USER -n >/dev/null 2>&1; then forward_chain=DOCKER-USER; fi
ensure_rule() { # TABLE CHAIN RULE...
  local table=$1 chain=$2
  shift 2
  iptables -t "$table" -C "$chain" "$@" 2>/dev/null || iptables -t "$table" -I "$chain" "$@"
}
ensure_rule nat POSTROUTING -s "$ce_subnet" ! -o "$ce_bridge" -j MASQUERADE
ensure_rule filter "$forward_chain" -i "$ce_bridge" ! -o "$ce_bridge" -j ACCEPT
ensure_rule filter "$forward_chain" -o "$ce_bridge" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
if [[ $(cat /proc/sys/net/ipv4/ip_forward) != 1 ]]; then echo 1 >/proc/sys/net/ipv4/ip_forward; fi
cdocker info --format '{{json .DriverStatus}}' | grep -q 'io.containerd.snapshotter.v1' ||
  { echo "start-engine: the dockerd on $ce_host does not use the containerd image store" >&2; exit 1; }
echo "DOCKWRIGHT_TEST_CONTAINERD_HOST=$ce_host" >"$cache/containerd-engine.env"

# The images made here for both platforms carry the label dev.dockwright.base=WHAT: an image of the
# same name without it was made some other way (or for one platform) and is made anew.
has_base() { [[ $(cdocker image inspect --format '{{json .Config.Labels}}' "$1" 2>/dev/null || true) == *"\"dev.dockwright.base\":\"$2\""* ]]; }

# busybox:stable for linux/amd64 and linux/arm64 in one image: each platform's root from a tarball
base_label=dev.dockwright.base=busybox-amd64-arm64
if ! has_base busybox:stable busybox-amd64-arm64; then
  t=$SECONDS
  ctx=$(mktemp -d "$cache/busybox-platforms.XXXXXX")
  rootfs() { # ARCH BUSYBOX_BINARY
    local root=$ctx/root-$1 applet
    mkdir -p "$root/bin" "$root/etc" "$root/root" "$root/home" "$root/var" "$root/tmp"
    chmod 1777 "$root/tmp"
    cp "$2" "$root/bin/busybox"
    # the applet list of the host's busybox (the arm64 binary does not run before emulation is on)
    for applet in $(busybox --list); do [[ $applet == busybox ]] || ln -sf busybox "$root/bin/$applet"; done
    printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n' >"$root/etc/passwd"
    printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
    tar --numeric-owner -C "$root" -cf "$ctx/rootfs-$1.tar" .
    rm -rf "$root"
  }
  rootfs amd64 "$(command -v busybox)"
  deb=$(compgen -G "$cache/arm64-debs/busybox-static_*_arm64.deb" | head -n 1 || true)
  [[ -n $deb ]] || { echo "start-engine: no arm64 busybox-static package in $cache/arm64-debs (run .ci/install-engine.sh)" >&2; exit 1; }
  dpkg-deb -x "$deb" "$ctx/arm64-deb"
  rootfs arm64 "$ctx/arm64-deb/bin/busybox"
  rm -rf "$ctx/arm64-deb"
  printf 'FROM scratch\nARG TARGETARCH\nADD rootfs-${TARGETARCH}.tar /\nENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nLABEL %s\nCMD ["sh"]\n' \
    "$base_label" >"$ctx/Dockerfile"
  cdocker buildx build --quiet --platform linux/amd64,linux/arm64 --provenance=false --load -t busybox:stable "$ctx" >/dev/null
  rm -rf "$ctx"
  echo "busybox:stable (linux/amd64, linux/arm64) on the containerd-store engine: made ($(elapsed "$t"))"
else
  echo "busybox:stable (linux/amd64, linux/arm64) on the containerd-store engine: present"
fi

# debian:bookworm-slim for linux/amd64 and linux/arm64 in one image, the same way: each platform's
# root is its minbase tarball. The arm64 one is made on the first run with its second stage under
# qemu (~4 min on a 2-core machine: dpkg configures every package emulated), then cached; from the
# two tarballs the image takes ~20 s.
if ! has_base debian:bookworm-slim debian-bookworm-amd64-arm64; then
  t=$SECONDS
  amd64_tar=$(minbase_tarball amd64)
  arm64_tar=$(minbase_tarball arm64)
  ctx=$(mktemp -d "$cache/bookworm-platforms.XXXXXX")
  trap 'rm -rf "$ctx"' EXIT
  # hard links where the cache's file system allows (the tarballs are ~120 MB each)
  ln "$amd64_tar" "$ctx/rootfs-amd64.tar" 2>/dev/null || cp "$amd64_tar" "$ctx/rootfs-amd64.tar"
  ln "$arm64_tar" "$ctx/rootfs-arm64.tar" 2>/dev/null || cp "$arm64_tar" "$ctx/rootfs-arm64.tar"
  printf 'FROM scratch\nARG TARGETARCH\nADD rootfs-${TARGETARCH}.tar /\nENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nLABEL dev.dockwright.base=debian-bookworm-amd64-arm64\nCMD ["bash"]\n' \
    >"$ctx/Dockerfile"
  cdocker buildx build --quiet --platform linux/amd64,linux/arm64 --provenance=false --load -t debian:bookworm-slim "$ctx" >/dev/null
  rm -rf "$ctx"
  trap - EXIT
  echo "debian:bookworm-slim (linux/amd64, linux/arm64) on the containerd-store engine: made ($(elapsed "$t"))"
else
  echo "debian:bookworm-slim (linux/amd64, linux/arm64) on the containerd-store engine: present"
fi

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
