# Shared by every PAI service (sourced): one log line format for all of them.
log() {
  printf '%s [%s] %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "${PAI_SERVICE:-pai}" "$*"
}
