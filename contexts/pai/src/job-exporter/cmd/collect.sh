# Prints the node's metrics in Prometheus text format (the stand-in knows only two).
collect() {
  echo '# HELP pai_job_exporter_up Whether the job exporter runs.'
  echo 'pai_job_exporter_up 1'
  echo "pai_job_exporter_build_info{version=\"$BUILD_VERSION\"} 1"
}
