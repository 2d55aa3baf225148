#!/bin/sh
# Loads the CANN environment (library paths, operator paths) before the command, as every Ascend
# image does; the NPU driver itself is mounted from the host at run time.
set -eu
. /usr/local/Ascend/ascend-toolkit/set_env.sh
exec "$@"
