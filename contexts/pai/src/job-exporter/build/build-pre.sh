#!/bin/sh
# job-exporter's prerequisite, run on the host before its image is built (OpenPAI's build-pre.sh).
# The real one compiles a binary; the stand-in joins cmd/*.sh into one executable script.
#   sh build-pre.sh OUTPUT
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?"usage: build-pre.sh OUTPUT"}
mkdir -p "$(dirname "$out")"
{
  echo '#!/bin/sh'
  echo '# job-exporter, built by build-pre.sh from cmd/*.sh'
  echo 'set -eu'
  echo "BUILD_VERSION=$(cat "$here/VERSION")"
  cat "$here"/cmd/*.sh
  echo 'main "$@"'
} >"$out.tmp"
chmod 0755 "$out.tmp"
mv "$out.tmp" "$out"
echo "built $out"
