#!/usr/bin/env bash
# Builds the pinned alicloud provider from its Go module, caches it under ~/.cache, lays
# it out as a Terraform filesystem mirror and writes a CLI config that only this
# project's scripts use (tools/ci/validate.sh, tools/provider/extract-schema.sh).
#
# Why not `go install module@version`: that form asks the module proxy for the module's
# version list (to print deprecation notices), and the proxy reachable here refuses the
# list for this module while serving the pinned version itself. So we download the exact
# version and run `go install .` inside it: the same compiler, flags and go.sum.
source "$(dirname "$0")/common.sh"
resolve_terraform

if [[ ! -x "$PROVIDER_BIN" ]]; then
  log "building $PROVIDER_MODULE v$PROVIDER_VERSION (first time on this machine; cached afterwards)"
  start=$(date +%s)
  go_install_from_module "$PROVIDER_MODULE" "v$PROVIDER_VERSION" . "$PROVIDER_BIN_DIR" "$CACHE_ROOT/build-logs/provider-v$PROVIDER_VERSION.log"
  peak_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$CACHE_ROOT/build-logs/provider-v$PROVIDER_VERSION.log")
  log "built in $(( $(date +%s) - start ))s${peak_kb:+, peak RSS $(( peak_kb / 1024 )) MiB}"
fi

fqn="$(provider_fqn)"
[[ -n "$fqn" ]] || { log "could not resolve the provider address with $TF"; exit 1; }
target="$MIRROR_DIR/$fqn/$PROVIDER_VERSION/$GOOS_GOARCH"
mkdir -p "$target"
# A copy, not a symlink: Terraform hashes the package directory it installs from.
cmp -s "$PROVIDER_BIN" "$target/terraform-provider-alicloud_v$PROVIDER_VERSION" 2>/dev/null \
  || cp -f "$PROVIDER_BIN" "$target/terraform-provider-alicloud_v$PROVIDER_VERSION"
cat > "$TF_RC" <<RC
# Written by tools/provider/build-provider.sh. Used only by this project's scripts.
provider_installation {
  filesystem_mirror {
    path    = "$MIRROR_DIR"
    include = ["$PROVIDER_SOURCE"]
  }
}
plugin_cache_dir = "$CACHE_ROOT/plugin-cache"
RC
mkdir -p "$CACHE_ROOT/plugin-cache"
log "provider $fqn v$PROVIDER_VERSION served from filesystem mirror $MIRROR_DIR (binary $PROVIDER_BIN)"
log "terraform: $(TF_CLI_CONFIG_FILE="$TF_RC" "$TF" version | head -n1) at $TF; CLI config $TF_RC"
