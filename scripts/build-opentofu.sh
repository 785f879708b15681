#!/usr/bin/env bash
# Fallback when no `terraform` is on PATH: build OpenTofu from its Go module, cached under
# ~/.cache. Point cdktf at it with TERRAFORM_BINARY_NAME (scripts/common.sh does).
source "$(dirname "$0")/common.sh"
TOFU_VERSION="${TOFU_VERSION:-v1.10.7}"
if [[ ! -x "$TOFU_BIN_DIR/tofu" ]]; then
  log "building OpenTofu $TOFU_VERSION from its Go module"
  mkdir -p "$TOFU_BIN_DIR"
  GOBIN="$TOFU_BIN_DIR" go install -trimpath -ldflags='-s -w' "github.com/opentofu/opentofu/cmd/tofu@$TOFU_VERSION"
fi
"$TOFU_BIN_DIR/tofu" version | head -n1 >&2
