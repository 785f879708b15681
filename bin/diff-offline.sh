#!/usr/bin/env bash
# `cdktf diff` of one stack with no cloud account and no registry: the README's offline
# recipe, made runnable. Uses the provider built by tools/provider/build-provider.sh (served from
# the local mirror), static dummy keys (the provider configures without network calls),
# a dummy value for each sensitive variable the stack declares, and skips the provider
# lock step (it asks the registry). Only stacks with local state and no data sources
# plan offline (data sources need the cloud; see docs/provider.md, validate).
#
#   bash bin/diff-offline.sh <stack>          e.g. multinational-hub-dev
#   CDKTF_CLI=cdktn bash bin/diff-offline.sh <stack>
source "$(dirname "$0")/../tools/provider/common.sh"
stack="${1:?usage: bin/diff-offline.sh <stack> (e.g. multinational-hub-dev)}"
resolve_terraform
bash "$ROOT/tools/provider/build-provider.sh" >&2
cd "$ROOT"
# a look at the stack first (which variables it declares), in a scratch output directory:
# cdktf.out is left to the CLI's own synth, whatever environment it held before
peek="$(mktemp -d)"; trap 'rm -rf "$peek"' EXIT
CDKTF_OUTDIR="$peek" node bin/synth.js >/dev/null 2>&1 || { CDKTF_OUTDIR="$peek" node bin/synth.js; exit 1; }
json="$peek/stacks/$stack/cdk.tf.json"
[[ -f "$json" ]] || { echo "diff-offline: no stack $stack; synthesized: $(ls "$peek/stacks" | tr '\n' ' ')" >&2; exit 2; }
if grep -q '"data"' "$json"; then echo "diff-offline: $stack reads data sources, which need the cloud; allowed: a stack without them" >&2; exit 2; fi
node -e 'process.exit(require(process.argv[1]).terraform?.backend?.local ? 0 : 1)' "$json" \
  || { echo "diff-offline: $stack keeps its state remotely (OSS), which needs the cloud; allowed: a dev stack" >&2; exit 2; }
# one TF_VAR_<name> per variable without a default (PSKs, BGP keys): dummies, never real keys
while read -r v; do [[ -n "$v" ]] && export "TF_VAR_$v=dummy-value-for-offline-diff"; done < <(
  node -e 'const j=require(process.argv[1]); for (const [k,v] of Object.entries(j.variable||{})) if (!("default" in v)) console.log(k)' "$json")
export TF_CLI_CONFIG_FILE="$TF_RC" ALIBABA_CLOUD_ACCESS_KEY_ID=offline-diff ALIBABA_CLOUD_ACCESS_KEY_SECRET=offline-diff
unset ALIBABA_CLOUD_PROFILE ALIBABA_CLOUD_SECURITY_TOKEN
npx "${CDKTF_CLI:-cdktf}" diff --skip-provider-lock "$stack"
