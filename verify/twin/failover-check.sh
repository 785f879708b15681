#!/usr/bin/env bash
# bash verify/twin/failover-check.sh [DIR]: the packet twin cutting every single failure
# element of the redundant offices in turn (root; bounded; everything in the twin's own
# namespaces, see run.sh). DIR is a cdktf.out-shaped tree whose multinational-hub-dev
# stack holds an office with several links; default: examples/dual-homed-office.json
# synthesized here (needs dist/: npm run build), with us-office-1 on an active and a
# standby link of one gateway and hq on both gateways. verify/twin/fixtures/failover is
# a smaller one (the seed hub with cn-office-3 dual-homed by hand).
# Every row must agree with the checker's single-failure table on the same tree
# (`npx hybridnet resilience --pairs`, closed under reversal: a ping is a round trip);
# run.sh exits 1 naming the element and the pairs when one does not.
#   - the design as given: every row agrees, the active/standby office loses nothing for
#     good when either link is cut, and a gateway cut cuts the offices it serves;
#   - the standby link's weight-0 route removed: cutting the active link must leave the
#     office's pairs cut (the packets, not only the checker, must say so);
#   - examples/redundant-idc.json (beijing-idc on two BGP lines to a transit router):
#     each line and each VBR attachment cut alone cuts no pair, each VPC attachment and
#     the peer attachment cuts the pairs through it (a single point of failure);
#   - verify/twin/fixtures/static-line (line-2 statically routed, VBR health check 2 s x 3):
#     each line and each VBR attachment cut alone cuts no pair, and cutting line-2 is
#     noticed by the health check, which withdraws its member from the transit router;
#   - examples/office-devices.json (hq's connections with their slave tunnels on a second
#     device): hq-app's slave tunnel cut alone cuts no pair (the master takes over);
#   - verify/twin/fixtures/idc-vpn-backup (beijing-idc on one line and a VPN backup): the
#     line, its VBR attachment and the transit VPC's attachment cut alone cut no pair (the
#     VPN carries them; for the last, the VBR withdraws the transit VPC's prefixes).
# Prints each run's table.
set -euo pipefail
cd "$(dirname "$0")/../.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [[ $# -gt 0 ]]; then
  dir="$1"
else
  dir="$work/example"
  mkdir -p "$dir"
  [[ -f dist/main.js ]] || node bin/synth.js >/dev/null 2>&1 || { echo "failover-check: build failed" >&2; exit 1; }
  TOPOLOGY_FILE=examples/dual-homed-office.json CDKTF_OUTDIR="$dir" node dist/main.js >/dev/null 2>&1 \
    || { echo "failover-check: examples/dual-homed-office.json does not synthesize (npm run build first)" >&2; exit 1; }
fi
stack=multinational-hub-dev
rc=0

echo "== $dir: every element, the design as given (links must recover, the gateway must cut)"
if TWIN_TIMEOUT=600 bash verify/twin/run.sh "$dir" --failover --stack "$stack" >"$work/good.out" 2>&1; then
  grep -E '^  \||^    .*gateway|pairs watched' "$work/good.out"
  # the office with a standby link: each of its two links cut alone cuts no pair
  standby_rows="$(node -e '
    const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).resource;
    const name = (ref) => j.alicloud_vpn_connection[/alicloud_vpn_connection\.([^.]+)\./.exec(ref)[1]].vpn_connection_name;
    const rows = Object.values(j.alicloud_vpn_route_entry);
    for (const s of rows.filter((r) => r.weight === 0)) {
      const a = rows.find((r) => r.weight === 100 && r.route_dest === s.route_dest && r.vpn_gateway_id === s.vpn_gateway_id);
      console.log(name(a.next_hop)); console.log(name(s.next_hop));
    }' "$dir/stacks/$stack/cdk.tf.json" | sort -u)"
  [[ -n "$standby_rows" ]] || { echo "failover-check: no standby link in $dir"; rc=1; }
  for link in $standby_rows; do
    grep -qE "^  \| vpn-link:$link +\| 0 +\|" "$work/good.out" || { echo "failover-check: cutting vpn-link:$link left pairs cut"; rc=1; }
  done
  grep -qE '^  \| vpn-gateway:[^|]*\| [1-9]' "$work/good.out" || { echo "failover-check: the gateway cut cut nothing"; rc=1; }
  grep -E '^  \| (vpn-|line:|tr-attachment:)' "$work/good.out" | grep -v 'agrees' && { echo "failover-check: rows above differ from the checker"; rc=1; }
else
  cat "$work/good.out"; echo "failover-check: the run failed or differed from the failover semantics"; rc=1
fi

echo "== the standby link's weight-0 route removed: cutting the active link must cut the office"
mkdir -p "$work/bad/stacks"
cp -r "$dir/stacks/." "$work/bad/stacks/"
json="$work/bad/stacks/$stack/cdk.tf.json"
active="$(node -e '
  const fs = require("fs"); const f = process.argv[1]; const j = JSON.parse(fs.readFileSync(f, "utf8"));
  const rows = j.resource.alicloud_vpn_route_entry;
  const standby = Object.entries(rows).find(([, r]) => r.weight === 0);
  const active = Object.values(rows).find((r) => r.weight === 100 && r.route_dest === standby[1].route_dest && r.vpn_gateway_id === standby[1].vpn_gateway_id);
  const key = /alicloud_vpn_connection\.([^.]+)\./.exec(active.next_hop)[1];
  delete rows[standby[0]];
  fs.writeFileSync(f, JSON.stringify(j, null, 2));
  console.log(j.resource.alicloud_vpn_connection[key].vpn_connection_name);
' "$json")"
# the checker sees the cut too, so the run passes; the packets must show it
if TWIN_TIMEOUT=300 bash verify/twin/run.sh "$work/bad" --failover --stack "$stack" --element "vpn-link:$active" >"$work/bad.out" 2>&1 \
  && grep -qE "^  \| vpn-link:$active +\| [1-9][0-9]* +\|.*agrees" "$work/bad.out"; then
  grep -E '^  \||cut ' "$work/bad.out" | cut -c1-200
else
  cat "$work/bad.out"; echo "failover-check: without the standby route, cutting vpn-link:$active cut no pair or differed from the checker"; rc=1
fi
echo "== examples/redundant-idc.json: each leased line and transit-router attachment cut alone (the other line must carry every pair)"
idc="$work/idc"
mkdir -p "$idc"
if TOPOLOGY_FILE=examples/redundant-idc.json CDKTF_OUTDIR="$idc" node dist/main.js >/dev/null 2>&1 \
  && TWIN_TIMEOUT=300 bash verify/twin/run.sh "$idc" --failover --stack idc-leased-line-dev --window-s 10 >"$work/idc.out" 2>&1; then
  grep -E '^  \||^    (line|tr-attachment):|pairs watched' "$work/idc.out"
  for e in line:beijing-idc/beijing-idc line:beijing-idc/line-2 tr-attachment:idc-beijing-idc tr-attachment:idc-beijing-idc-line-2; do
    grep -qE "^  \| $e +\| 0 +\|.*agrees" "$work/idc.out" || { echo "failover-check: cutting $e left pairs cut"; rc=1; }
  done
  for e in tr-attachment:idc-bj-vpc tr-attachment:idc-sz-vpc tr-attachment:idc-cn-beijing-cn-shenzhen; do
    grep -qE "^  \| $e +\| [1-9][0-9]* +\|.*agrees" "$work/idc.out" || { echo "failover-check: cutting $e cut no pair (a single point of failure)"; rc=1; }
  done
else
  cat "$work/idc.out" 2>/dev/null; echo "failover-check: the redundant data center's run failed or differed from the failover semantics"; rc=1
fi
echo "== verify/twin/fixtures/static-line: the statically routed line-2 withdrawn by its VBR health check"
static_elements=(line:beijing-idc/beijing-idc line:beijing-idc/line-2 tr-attachment:idc-beijing-idc tr-attachment:idc-beijing-idc-line-2)
static_args=()
for e in "${static_elements[@]}"; do static_args+=(--element "$e"); done
if TWIN_TIMEOUT=300 bash verify/twin/run.sh verify/twin/fixtures/static-line --failover --stack idc-leased-line-dev --window-s 10 \
  "${static_args[@]}" >"$work/static.out" 2>&1; then
  grep -E '^  \||^    (line|tr-attachment):|pairs watched' "$work/static.out"
  for e in "${static_elements[@]}"; do
    grep -qE "^  \| $e +\| 0 +\|.*agrees" "$work/static.out" || { echo "failover-check: cutting $e left pairs cut"; rc=1; }
  done
  grep -qE '^    line:beijing-idc/line-2: .*VBR health check of line-2 down' "$work/static.out" \
    || { echo "failover-check: the VBR health check did not notice line-2 cut"; rc=1; }
else
  cat "$work/static.out"; echo "failover-check: the static line's run failed or differed from the checker"; rc=1
fi
echo "== examples/office-devices.json: one tunnel of hq's dual-tunnel connection cut (its slave tunnel ends on a second device)"
od="$work/office-devices"
mkdir -p "$od"
if TOPOLOGY_FILE=examples/office-devices.json CDKTF_OUTDIR="$od" node dist/main.js >/dev/null 2>&1 \
  && TWIN_TIMEOUT=300 bash verify/twin/run.sh "$od" --failover --stack multinational-hub-dev --window-s 25 \
    --element vpn-tunnel:hq-app/slave >"$work/od.out" 2>&1; then
  grep -E '^  \||pairs watched' "$work/od.out"
  grep -qE "^  \| vpn-tunnel:hq-app/slave +\| 0 +\|.*agrees" "$work/od.out" || { echo "failover-check: cutting one tunnel left pairs cut"; rc=1; }
else
  cat "$work/od.out" 2>/dev/null; echo "failover-check: the office devices' run failed or differed from the checker"; rc=1
fi
echo "== verify/twin/fixtures/idc-vpn-backup: the leased line, its VBR attachment and the transit VPC's attachment cut (the VPN backup must carry every pair)"
backup_elements=(line:beijing-idc/beijing-idc tr-attachment:idc-beijing-idc tr-attachment:idc-bj-transit)
backup_args=()
for e in "${backup_elements[@]}"; do backup_args+=(--element "$e"); done
if TWIN_TIMEOUT=300 bash verify/twin/run.sh verify/twin/fixtures/idc-vpn-backup --failover --stack idc-leased-line-dev --window-s 10 \
  "${backup_args[@]}" >"$work/backup.out" 2>&1; then
  grep -E '^  \||^    (line|tr-attachment):|pairs watched' "$work/backup.out"
  for e in "${backup_elements[@]}"; do
    grep -qE "^  \| $e +\| 0 +\|.*agrees" "$work/backup.out" || { echo "failover-check: cutting $e left pairs cut"; rc=1; }
  done
else
  cat "$work/backup.out"; echo "failover-check: the VPN backup's run failed or differed from the checker"; rc=1
fi
exit "$rc"
