#!/bin/sh
# Stand-in for PAI's REST server (Node.js in the real one): serves its API folder on the port
# until TERM or INT (httpd itself, as the container's pid 1, would ignore them).
set -eu
. /usr/local/lib/pai/log.sh
port=${REST_SERVER_PORT:-9186}
log "rest-server on :$port, cluster $(sed -n 's/^  id: //p' /etc/pai/cluster.yaml)"
httpd -f -p "$port" -h /opt/pai/rest-server/www &
server=$!
trap 'kill "$server"; exit 0' TERM INT
wait "$server"
