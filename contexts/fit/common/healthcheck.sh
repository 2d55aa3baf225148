#!/bin/sh
# FIT's healthcheck: the framework answers /health on its HTTP port (the HEALTHCHECK sets the
# timeout; busybox 1.35 wget -T crashes).
set -eu
exec wget -q -O /dev/null "http://127.0.0.1:${FIT_HTTP_PORT:-8080}/health"
