#!/usr/bin/env bash
# Synthesizes every stack, then in each stack directory runs `terraform init` against
# the local provider mirror and `terraform validate -json`. Fails on any error and on
# any warning not in tools/ci/validate-allowlist.json. Prints a per-stack summary.
source "$(dirname "$0")/../provider/common.sh"
resolve_terraform
bash "$ROOT/tools/provider/build-provider.sh"
export TF_CLI_CONFIG_FILE="$TF_RC" TF_IN_AUTOMATION=1 TF_INPUT=0

cd "$ROOT"
npm run --silent synth >/dev/null
# Variants beyond the defaults: the hub with VPC peering as its interconnect.
variant="$ROOT/cdktf.out.variants/hub-peering"
rm -rf "$ROOT/cdktf.out.variants"; mkdir -p "$variant"
HUB_INTERCONNECT=peering CDKTF_OUTDIR="$variant" node dist/main.js >/dev/null 2>&1
# ... and, for every scenario whose stack reads data sources (each peering names its
# acceptor's account UID, same account too; an installed line's access point is read from
# the line), a variant with those values in config instead, so that its plan runs offline.
uid_variant="$ROOT/cdktf.out.variants/uid-in-config"; mkdir -p "$uid_variant"
scenarios=(vpc-peering-same-account vpc-peering-cross-account shared-nat multinational-hub idc-leased-line)
for scenario in "${scenarios[@]}"; do
  node -e 'const {defaultTopologies:d}=require("./dist/config"); const t=d("peering")[process.argv[1]];
    console.log(JSON.stringify({...t, accounts: t.accounts.map((a, i) => ({...a, uid: String(123456789012 + i), resolveUidAtPlan: false})),
      idcs: t.idcs?.map((x) => ({...x, leasedLine: {accessPointId: "ap-cn-beijing-ft-A", ...x.leasedLine}}))}))' \
    "$scenario" > "$ROOT/cdktf.out.variants/$scenario-uid.json"
  TOPOLOGY_FILE="$ROOT/cdktf.out.variants/$scenario-uid.json" CDKTF_OUTDIR="$uid_variant/$scenario" node dist/main.js >/dev/null 2>&1
done
# ... and the hub and the IDC on transit routers, with the same ids in config, so that
# both plan offline
tr_variant="$ROOT/cdktf.out.variants/transit-router"; mkdir -p "$tr_variant"
tr_scenarios=(multinational-hub idc-leased-line)
for scenario in "${tr_scenarios[@]}"; do
  node -e 'const {defaultTopologies:d}=require("./dist/config"); const t=d("transit-router", "transit-router")[process.argv[1]];
    console.log(JSON.stringify({...t, accounts: t.accounts.map((a, i) => ({...a, uid: String(123456789012 + i), resolveUidAtPlan: false})),
      idcs: t.idcs?.map((x) => ({...x, leasedLine: {accessPointId: "ap-cn-beijing-ft-A", ...x.leasedLine}}))}))' \
    "$scenario" > "$ROOT/cdktf.out.variants/$scenario-tr.json"
  TOPOLOGY_FILE="$ROOT/cdktf.out.variants/$scenario-tr.json" CDKTF_OUTDIR="$tr_variant/$scenario" node dist/main.js >/dev/null 2>&1 \
    || { echo "validate: $scenario on transit routers does not synthesize"; exit 1; }
done
# ... and every topology in examples/, each replacing the scenario of its `name`, with the
# same ids in config as the variants above, so that it plans offline too
example_dirs=()
for ex in "$ROOT"/examples/*.json; do
  ex_name="$(basename "$ex" .json)"; ex_out="$ROOT/cdktf.out.variants/example-$ex_name"; mkdir -p "$ex_out"
  node -e 'const t=require(process.argv[1]); delete t.$schema;
    console.log(JSON.stringify({...t, accounts: t.accounts.map((a, i) => ({...a, uid: String(123456789012 + i), resolveUidAtPlan: false})),
      idcs: t.idcs?.map((x) => ({...x, leasedLine: {accessPointId: "ap-cn-beijing-ft-A", ...x.leasedLine}}))}))' "$ex" > "$ex_out.json"
  TOPOLOGY_FILE="$ex_out.json" CDKTF_OUTDIR="$ex_out" node dist/main.js >/dev/null 2>&1 || { echo "validate: examples/$ex_name.json does not synthesize"; exit 1; }
  example_dirs+=("$ex_out/stacks/$(node -p 'require(process.argv[1]).name' "$ex")-dev/")
done
fail=0
printf '%-48s %-8s %6s %8s %s\n' STACK RESULT ERRORS WARNINGS 'NOTE / OFFLINE PLAN'
uid_dirs=(); for scenario in "${scenarios[@]}"; do uid_dirs+=("$uid_variant/$scenario"/stacks/"$scenario"-*/); done
tr_dirs=(); for scenario in "${tr_scenarios[@]}"; do tr_dirs+=("$tr_variant/$scenario"/stacks/"$scenario"-*/); done
for dir in "$ROOT"/cdktf.out/stacks/*/ "$variant"/stacks/multinational-hub-*/ "${uid_dirs[@]}" "${tr_dirs[@]}" "${example_dirs[@]}"; do
  stack="$(basename "$dir")"
  [[ "$dir" == "$ROOT"/cdktf.out.variants/example-* ]] && stack="$stack ($(basename "$(dirname "$(dirname "$dir")")" | sed 's/^example-/ex: /'))"
  [[ "$dir" == "$variant"/* ]] && stack="$stack (peering)"
  [[ "$dir" == "$uid_variant"/multinational-hub/* ]] && stack="$stack (peering)"
  [[ "$dir" == "$uid_variant"/* ]] && stack="$stack (ids in config)"
  [[ "$dir" == "$tr_variant"/* ]] && stack="$stack (transit routers)"
  # a local backend initialises offline (and the offline plan below needs it); OSS would need the cloud
  local_backend=false; node -e 'process.exit(require(process.argv[1]).terraform?.backend?.local ? 0 : 1)' "$dir/cdk.tf.json" && local_backend=true
  if ! init_out="$(cd "$dir" && "$TF" init $([[ $local_backend == true ]] || echo -backend=false) -input=false -no-color 2>&1)"; then
    printf '%-48s %-8s\n' "$stack" "INIT-FAIL"; echo "$init_out" | tail -n 20; fail=1; continue
  fi
  json="$(cd "$dir" && "$TF" validate -json -no-color || true)"
  summary="$(node "$ROOT/tools/ci/validate-report.js" "$stack" <<<"$json")" || fail=1
  # An offline plan goes further than validate (the provider's plan-time checks run).
  # Static dummy keys make the provider configure without network calls; stacks with
  # data sources need the cloud at plan time and are skipped.
  if grep -q '"data"' "$dir/cdk.tf.json"; then
    plan_note="plan skipped (data sources need the cloud)"
  elif [[ $local_backend != true ]]; then
    plan_note="plan skipped (remote state backend)"
  else
    mapfile -t vars < <(node -e 'const j=require(process.argv[1]); for (const [k,v] of Object.entries(j.variable||{})) if (!("default" in v)) console.log(`-var=${k}=dummy-value-for-offline-plan`)' "$dir/cdk.tf.json")
    if plan_out="$(cd "$dir" && ALIBABA_CLOUD_ACCESS_KEY_ID=offline-plan ALIBABA_CLOUD_ACCESS_KEY_SECRET=offline-plan \
        "$TF" plan -input=false -lock=false -refresh=false -no-color "${vars[@]}" 2>&1)"; then
      plan_note="$(grep -o 'Plan: .*' <<<"$plan_out" || echo 'Plan: no changes')"
    else
      plan_note="PLAN FAILED"; fail=1
    fi
  fi
  echo "$summary  $plan_note"
  [[ "$plan_note" == "PLAN FAILED" ]] && echo "$plan_out" | tail -n 30
done
prov="$(cd "$(ls -d "$ROOT"/cdktf.out/stacks/*/ | head -n1)" && "$TF" version -json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);console.log(j.terraform_version+" / providers "+JSON.stringify(j.provider_selections))})')"
log "$(basename "$TF") $prov; provider mirror $MIRROR_DIR"
exit $fail
