#!/usr/bin/env bash
# bash verify/twin/failover-check.sh [DIR]: the packet twin cutting every single failure
# element of a redundant office in turn (root; bounded; everything in the twin's own
# namespaces, see run.sh). DIR is a cdktf.out-shaped tree with a stack holding an office
# on two links (default: verify/twin/fixtures/failover, the seed hub with cn-office-3 on
# an active link with a health check and a standby link at weight 0).
#   - the design as given: each link cut alone loses probes for a while and then every
#     promised pair is delivered again (0 pairs cut), the gateway cut cuts its offices,
#     and every row agrees with the contract's semantics (run.sh exits 0);
#   - the standby link's weight-0 route removed: cutting the active link must leave the
#     office's pairs cut (the packets, not only the prediction, must say so).
# Prints each run's table.
set -euo pipefail
cd "$(dirname "$0")/../.."
dir="${1:-verify/twin/fixtures/failover}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rc=0

echo "== $dir: every element, the design as given (links must recover, the gateway must cut)"
if TWIN_TIMEOUT=400 bash verify/twin/run.sh "$dir" --failover >"$work/good.out" 2>&1; then
  grep -E '^  \||^    .*gateway|pairs watched' "$work/good.out"
  if grep -E '^  \| vpn-link:' "$work/good.out" | grep -vqE '^  \| vpn-link:[^|]*\| 0 +\|'; then
    echo "failover-check: a link cut left pairs cut"; rc=1
  fi
  grep -qE '^  \| vpn-gateway:[^|]*\| [1-9]' "$work/good.out" || { echo "failover-check: the gateway cut cut nothing"; rc=1; }
else
  cat "$work/good.out"; echo "failover-check: the run failed or differed from the contract's semantics"; rc=1
fi

echo "== the standby link's weight-0 route removed: cutting the active link must cut the office"
mkdir -p "$work/bad/stacks"
cp -r "$dir/stacks/." "$work/bad/stacks/"
stack="$(grep -l '"weight": 0' "$work"/bad/stacks/*/cdk.tf.json | head -1)"
[[ -n "$stack" ]] || { echo "failover-check: no weight-0 route in $dir"; exit 1; }
active="$(node -e '
  const fs = require("fs"); const f = process.argv[1]; const j = JSON.parse(fs.readFileSync(f, "utf8"));
  const rows = j.resource.alicloud_vpn_route_entry;
  const standby = Object.entries(rows).find(([, r]) => r.weight === 0);
  const active = Object.values(rows).find((r) => r.weight === 100 && r.route_dest === standby[1].route_dest && r.vpn_gateway_id === standby[1].vpn_gateway_id);
  const key = /alicloud_vpn_connection\.([^.]+)\./.exec(active.next_hop)[1];
  delete rows[standby[0]];
  fs.writeFileSync(f, JSON.stringify(j, null, 2));
  console.log(j.resource.alicloud_vpn_connection[key].vpn_connection_name);
' "$stack")"
# its exit status is not the verdict here: the contract's semantics predict the cut too
TWIN_TIMEOUT=300 bash verify/twin/run.sh "$work/bad" --failover --stack "$(basename "$(dirname "$stack")")" \
  --element "vpn-link:$active" >"$work/bad.out" 2>&1 || true
if grep -qE "^  \| vpn-link:$active +\| [1-9]" "$work/bad.out"; then
  grep -E '^  \||cut ' "$work/bad.out" | cut -c1-200
else
  cat "$work/bad.out"; echo "failover-check: without the standby route, cutting vpn-link:$active cut no pair"; rc=1
fi
exit "$rc"
