#!/usr/bin/env bash
# Synthesizes every stack, then in each stack directory runs `terraform init` against
# the local provider mirror and `terraform validate -json`. Fails on any error and on
# any warning not in scripts/validate-allowlist.json. Prints a per-stack summary.
source "$(dirname "$0")/common.sh"
resolve_terraform
bash "$ROOT/scripts/build-provider.sh"
export TF_CLI_CONFIG_FILE="$TF_RC" TF_IN_AUTOMATION=1 TF_INPUT=0

cd "$ROOT"
npm run --silent synth >/dev/null
# Variants beyond the defaults: the hub with VPC peering as its interconnect.
variant="$ROOT/cdktf.out.variants/hub-peering"
rm -rf "$ROOT/cdktf.out.variants"; mkdir -p "$variant"
HUB_INTERCONNECT=peering CDKTF_OUTDIR="$variant" node dist/main.js >/dev/null
fail=0
printf '%-36s %-8s %6s %8s %s\n' STACK RESULT ERRORS WARNINGS NOTE
for dir in "$ROOT"/cdktf.out/stacks/*/ "$variant"/stacks/multinational-hub-*/; do
  stack="$(basename "$dir")"
  [[ "$dir" == "$variant"/* ]] && stack="$stack (peering)"
  if ! init_out="$(cd "$dir" && "$TF" init -backend=false -input=false -no-color 2>&1)"; then
    printf '%-36s %-8s\n' "$stack" "INIT-FAIL"; echo "$init_out" | tail -n 20; fail=1; continue
  fi
  json="$(cd "$dir" && "$TF" validate -json -no-color || true)"
  summary="$(node "$ROOT/scripts/validate-report.js" "$stack" <<<"$json")" || fail=1
  echo "$summary"
done
prov="$(cd "$(ls -d "$ROOT"/cdktf.out/stacks/*/ | head -n1)" && "$TF" version -json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);console.log(j.terraform_version+" / providers "+JSON.stringify(j.provider_selections))})')"
log "$(basename "$TF") $prov; provider mirror $MIRROR_DIR"
exit $fail
