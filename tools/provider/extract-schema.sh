#!/usr/bin/env bash
# Extracts the real provider schema from the pinned binary (through the filesystem
# mirror) and writes the trimmed, committed schema. Usage:
#   tools/provider/extract-schema.sh            # rewrite schema/alicloud-<version>.json
#   tools/provider/extract-schema.sh OUT.json   # write elsewhere (the drift check uses this)
source "$(dirname "$0")/common.sh"
resolve_terraform
bash "$ROOT/tools/provider/build-provider.sh"
out="${1:-$ROOT/schema/alicloud-$PROVIDER_VERSION.json}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
printf '{"terraform":{"required_providers":{"alicloud":{"source":"%s","version":"%s"}}}}' \
  "$PROVIDER_SOURCE" "$PROVIDER_VERSION" > "$work/main.tf.json"
export TF_CLI_CONFIG_FILE="$TF_RC"
( cd "$work" && "$TF" init -backend=false -input=false -no-color >/dev/null \
  && "$TF" providers schema -json > "$work/full.json" )
log "full schema: $(node -e 'const s=require(process.argv[1]);const p=Object.values(s.provider_schemas)[0];console.log(Object.keys(p.resource_schemas).length+" resources, "+Object.keys(p.data_source_schemas).length+" data sources")' "$work/full.json")"
node "$ROOT/tools/provider/schema.js" trim "$work/full.json" "$out" "$PROVIDER_VERSION"
