#!/bin/sh
# FIT's entrypoint: makes sure the writable folders exist (a volume may hide them), then runs the
# command, `fit start` by default.
set -eu
mkdir -p "$FIT_HOME/java/logs" "$FIT_HOME/java/data" "$FIT_HOME/java/dynamic-plugins"
exec "$@"
