# Serves the metrics on JOB_EXPORTER_PORT and refreshes them every 5 seconds.
main() {
  . /usr/local/lib/pai/log.sh
  port=${JOB_EXPORTER_PORT:-9102}
  dir=$(mktemp -d)
  collect >"$dir/metrics"
  httpd -p "$port" -h "$dir"
  log "job-exporter $BUILD_VERSION serving /metrics on :$port"
  trap 'exit 0' TERM INT
  while :; do
    sleep 5
    collect >"$dir/metrics.tmp" && mv "$dir/metrics.tmp" "$dir/metrics"
  done
}
