#!/usr/bin/env bash
# Fallback when no `terraform` is on PATH: build OpenTofu from its Go module, cached under
# ~/.cache. Point cdktf at it with TERRAFORM_BINARY_NAME (tools/provider/common.sh does).
source "$(dirname "$0")/common.sh"
TOFU_VERSION="${TOFU_VERSION:-v1.10.7}"
if [[ ! -x "$TOFU_BIN_DIR/tofu" ]]; then
  log "building OpenTofu $TOFU_VERSION from its Go module"
  # its go.mod has replace directives, so `go install …@version` is refused: install inside the module
  go_install_from_module github.com/opentofu/opentofu "$TOFU_VERSION" ./cmd/tofu "$TOFU_BIN_DIR" "$CACHE_ROOT/build-logs/opentofu-$TOFU_VERSION.log"
fi
"$TOFU_BIN_DIR/tofu" version | head -n1 >&2
