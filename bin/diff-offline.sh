#!/usr/bin/env bash
# `cdktf diff` of one stack with no cloud account and no registry: the README's offline
# recipe, made runnable. Uses the provider of tools/provider/build-provider.sh, served from the
# local mirror: the cached build when there is one, else the mirror's copy; only when
# neither exists does it build one, saying first what that costs. Static dummy keys (the
# provider configures without network calls), a dummy value for each sensitive variable
# the stack declares, and no provider lock step (it asks the registry). Only stacks with local state and no data sources
# plan offline (data sources need the cloud; see README, "npm run validate").
#
#   bash bin/diff-offline.sh <stack>          e.g. multinational-hub-dev
#   CDKTF_CLI=cdktn bash bin/diff-offline.sh <stack>
source "$(dirname "$0")/../tools/provider/common.sh"
stack="${1:?usage: bin/diff-offline.sh <stack> (e.g. multinational-hub-dev)}"
resolve_terraform

cd "$ROOT"
# a look at the stack first, before any provider build (a wrong name fails in seconds):
# which variables it declares, in a scratch output directory (cdktf.out is left to the
# CLI's own synth, whatever environment it held before)
peek="$(mktemp -d)"; trap 'rm -rf "$peek"' EXIT
CDKTF_OUTDIR="$peek" node bin/synth.js >/dev/null 2>&1 || { CDKTF_OUTDIR="$peek" node bin/synth.js; exit 1; }
json="$peek/stacks/$stack/cdk.tf.json"
[[ -f "$json" ]] || { echo "diff-offline: no stack $stack; synthesized: $(ls "$peek/stacks" | tr '\n' ' ')" >&2; exit 2; }
if grep -q '"data"' "$json"; then echo "diff-offline: $stack reads data sources, which need the cloud; allowed: a stack without them" >&2; exit 2; fi
node -e 'process.exit(require(process.argv[1]).terraform?.backend?.local ? 0 : 1)' "$json" \
  || { echo "diff-offline: $stack keeps its state remotely (OSS), which needs the cloud; allowed: a dev stack" >&2; exit 2; }

# A cold build of the provider, measured on a 2-core machine: about 850 s, peak 5.2 GB.
COLD_BUILD="about 14 minutes (850 s measured on 2 cores) and up to 5.2 GB of memory"

# The cached build, or else the mirror's copy put back in the cache (the mirror survives
# where only it was kept, e.g. a CI cache of the mirror); a build already running is
# waited for rather than started twice. Returns 1 when there is nothing to use.
cached_provider() {
  [[ -x "$PROVIDER_BIN" ]] && { log "provider: cached build $PROVIDER_BIN"; return 0; }
  local copy
  copy="$(find "$MIRROR_DIR" -path "*/$PROVIDER_VERSION/$GOOS_GOARCH/terraform-provider-alicloud_v$PROVIDER_VERSION" 2>/dev/null | head -n1)"
  if [[ -n "$copy" && -x "$copy" ]]; then
    log "provider: no cached build; using the mirror's copy $copy"
    mkdir -p "$PROVIDER_BIN_DIR" && cp -f "$copy" "$PROVIDER_BIN"
    return 0
  fi
  if pgrep -f "go install -trimpath" >/dev/null; then
    log "provider: a build is already running on this machine (a cold build takes $COLD_BUILD); waiting for it"
    while pgrep -f "go install -trimpath" >/dev/null; do sleep 10; done
    [[ -x "$PROVIDER_BIN" ]] && return 0
  fi
  return 1
}
if ! cached_provider; then
  log "provider: no cached build in $PROVIDER_BIN_DIR and no copy in $MIRROR_DIR"
  log "provider: building v$PROVIDER_VERSION from source now: $COLD_BUILD; cached afterwards (Ctrl-C to stop)"
fi
bash "$ROOT/tools/provider/build-provider.sh" >&2

# one TF_VAR_<name> per variable without a default (PSKs, BGP keys): dummies, never real keys
while read -r v; do [[ -n "$v" ]] && export "TF_VAR_$v=dummy-value-for-offline-diff"; done < <(
  node -e 'const j=require(process.argv[1]); for (const [k,v] of Object.entries(j.variable||{})) if (!("default" in v)) console.log(k)' "$json")
export TF_CLI_CONFIG_FILE="$TF_RC" ALIBABA_CLOUD_ACCESS_KEY_ID=offline-diff ALIBABA_CLOUD_ACCESS_KEY_SECRET=offline-diff
unset ALIBABA_CLOUD_PROFILE ALIBABA_CLOUD_SECURITY_TOKEN
npx "${CDKTF_CLI:-cdktf}" diff --skip-provider-lock "$stack"
