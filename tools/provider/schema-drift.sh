#!/usr/bin/env bash
# Fails when the committed trimmed schema differs from what the pinned provider binary
# reports for the same types.
source "$(dirname "$0")/common.sh"
fresh="$(mktemp)"; trap 'rm -f "$fresh"' EXIT
bash "$ROOT/tools/provider/extract-schema.sh" "$fresh"
node "$ROOT/tools/provider/schema.js" compare "$ROOT/schema/alicloud-$PROVIDER_VERSION.json" "$fresh"
