#!/usr/bin/env bash
# One settings path: the README's synth commands, run in an order that switches
# environments back and forth, under both synth paths (plain node and the cdktf CLI, or
# cdktn with CDKTF_CLI=cdktn). Fails unless every run exits 0, each leaves exactly its
# own environment's stacks, both paths write identical JSON for the same settings, the
# cdktf.json `context` is honoured by both, every placeholder warning (the prod state
# backend included) is printed once and as a warning, and nothing prints [ERROR].
# With the provider built (tools/provider/build-provider.sh), `cdktf diff` joins the sequence
# (offline, bin/diff-offline.sh).
source "$(dirname "$0")/../provider/common.sh"
CLI="${CDKTF_CLI:-cdktf}"
cd "$ROOT"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
# The CLI reads a Terraform CLI config; the project's (provider mirror) when built, else an empty one.
if [[ -f "$TF_RC" ]]; then export TF_CLI_CONFIG_FILE="$TF_RC"; else : >"$work/empty.tfrc"; export TF_CLI_CONFIG_FILE="$work/empty.tfrc"; fi
fail=0
bad() { echo "settings-paths: FAIL: $*"; fail=1; }

# run <label> <env or ""> <command...>: runs it, keeps its output as $work/<label>.log
run() {
  local label="$1" env="$2"; shift 2
  if ! (if [[ -n "$env" ]]; then export HYBRID_ENV="$env"; else unset HYBRID_ENV; fi; "$@") >"$work/$label.log" 2>&1; then
    bad "$label: exit non-zero"; sed 's/^/    /' "$work/$label.log" | tail -n 20
  fi
  # strip colours and spinner frames; keep the lines
  sed -e 's/\x1b\[[0-9;]*[A-Za-z]//g' "$work/$label.log" | tr -d '\r' >"$work/$label.txt"
  if grep -q '\[ERROR\]\|ENOENT' "$work/$label.txt"; then bad "$label printed an error:"; grep '\[ERROR\]\|ENOENT' "$work/$label.txt" | head -n 5; fi
  echo "settings-paths: ran $label -> $(ls cdktf.out/stacks | tr '\n' ' ')"
}

# stacks_are <env>: cdktf.out/stacks holds exactly the five stacks of <env>
stacks_are() {
  local got want
  got="$(ls cdktf.out/stacks | sort | tr '\n' ' ')"
  want="$(printf '%s\n' vpc-peering-same-account vpc-peering-cross-account shared-nat idc-leased-line multinational-hub | sed "s/\$/-$1/" | sort | tr '\n' ' ')"
  [[ "$got" == "$want" ]] || bad "after $2: stacks are '$got', expected '$want'"
}

# warned_once <label> <warning prefix> <expected count>: each warning line is unique; the placeholders are all there
warned_once() {
  local n dups
  n="$(grep -Ec "^(WARN|WARNING) \[" "$work/$1.txt" || true)"
  dups="$(grep -E "^(WARN|WARNING) \[" "$work/$1.txt" | sort | uniq -d)"
  [[ -z "$dups" ]] || bad "$1: a warning printed twice: $dups"
  [[ "$n" -eq "$2" ]] || { bad "$1: $n warnings, expected $2"; grep -E "^(WARN|WARNING) \[" "$work/$1.txt"; }
  grep -Eq "^$3 \[" "$work/$1.txt" || bad "$1: warnings are not printed as $3"
}

snapshot() { rm -rf "$work/$1"; cp -r cdktf.out/stacks "$work/$1"; }
same_json() {
  for d in "$work/$1"/*/; do
    s="$(basename "$d")"
    cmp -s "$d/cdk.tf.json" "$work/$2/$s/cdk.tf.json" || bad "$s: $1 and $2 differ"
  done
}

# Placeholders in the shipped config: 4 office IPs + 1 leased line; prod adds the OSS bucket per stack (5).
DEV_WARNINGS=5; PROD_WARNINGS=10

run node-dev "" node bin/synth.js;                       stacks_are dev "node synth (dev)";      warned_once node-dev $DEV_WARNINGS WARNING;  snapshot node-dev
run cli-prod prod npx "$CLI" synth;                          stacks_are prod "$CLI synth (prod)";     warned_once cli-prod $PROD_WARNINGS WARN;    snapshot cli-prod
run cli-dev "" npx "$CLI" synth;                             stacks_are dev "$CLI synth (dev)";       warned_once cli-dev $DEV_WARNINGS WARN;      snapshot cli-dev
run node-prod prod node bin/synth.js;                    stacks_are prod "node synth (prod)";    warned_once node-prod $PROD_WARNINGS WARNING; snapshot node-prod
grep -q 'placeholder bucket' "$work/node-prod.txt" || bad "the prod state backend placeholder is not warned"
same_json node-dev cli-dev
same_json node-prod cli-prod
run cli-prod-again prod npx "$CLI" synth;                    stacks_are prod "$CLI synth (prod again)"

# cdktf.json context, honoured by both paths: a working directory whose cdktf.json says env=prod
ctx="$work/ctx"; mkdir -p "$ctx"; ln -s "$ROOT/.gen" "$ctx/.gen" # the CLI looks for the bindings beside cdktf.json
node -e 'const c=require(process.argv[1]); c.app="node "+process.argv[2]+"/bin/synth.js"; c.context={env:"prod"}; console.log(JSON.stringify(c,null,2))' "$ROOT/cdktf.json" "$ROOT" >"$ctx/cdktf.json"
(cd "$ctx" && node "$ROOT/bin/synth.js" >/dev/null 2>&1) || bad "node synth with context env=prod failed"
[[ -d "$ctx/cdktf.out/stacks/shared-nat-prod" ]] || bad "node synth ignored cdktf.json context env=prod"
rm -rf "$ctx/cdktf.out"
(cd "$ctx" && "$ROOT/node_modules/.bin/$CLI" synth >/dev/null 2>&1) || bad "$CLI synth with context env=prod failed"
[[ -d "$ctx/cdktf.out/stacks/shared-nat-prod" ]] || bad "$CLI synth ignored cdktf.json context env=prod"
# ... and the environment variable wins over it, under both
(cd "$ctx" && HYBRID_ENV=dev node "$ROOT/bin/synth.js" >/dev/null 2>&1 && [[ -d cdktf.out/stacks/shared-nat-dev ]]) || bad "HYBRID_ENV=dev did not win over context env=prod (node)"
(cd "$ctx" && HYBRID_ENV=dev "$ROOT/node_modules/.bin/$CLI" synth >/dev/null 2>&1 && [[ -d cdktf.out/stacks/shared-nat-dev ]]) || bad "HYBRID_ENV=dev did not win over context env=prod ($CLI)"
echo "settings-paths: checked cdktf.json context under node and $CLI"

# diff after switching environments (prod synth above), offline, when the provider is built
if [[ -x "$PROVIDER_BIN" && -f "$TF_RC" ]]; then
  run diff-dev "" env CDKTF_CLI="$CLI" bash bin/diff-offline.sh multinational-hub-dev
  grep -q 'Plan: [0-9]* to add' "$work/diff-dev.txt" || { bad "diff multinational-hub-dev printed no plan"; tail -n 20 "$work/diff-dev.txt"; }
  echo "settings-paths: diff multinational-hub-dev after a $CLI prod synth: $(grep -o 'Plan: [0-9]* to add[^.]*' "$work/diff-dev.txt" | head -n 1)"
  run node-prod-2 prod node bin/synth.js
  run diff-dev-2 "" env CDKTF_CLI="$CLI" bash bin/diff-offline.sh multinational-hub-dev
  grep -q 'Plan: [0-9]* to add' "$work/diff-dev-2.txt" || { bad "diff multinational-hub-dev printed no plan"; tail -n 20 "$work/diff-dev-2.txt"; }
  echo "settings-paths: diff multinational-hub-dev after a node prod synth: $(grep -o 'Plan: [0-9]* to add[^.]*' "$work/diff-dev-2.txt" | head -n 1)"
else
  echo "settings-paths: diff skipped (provider not built: run tools/provider/build-provider.sh)"
fi
node bin/synth.js >/dev/null 2>&1 # leave the default (dev) output behind
if [[ $fail -eq 0 ]]; then echo "settings-paths: all paths agree ($CLI)"; else echo "settings-paths: FAILED"; fi
exit $fail
