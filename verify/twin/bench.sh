#!/usr/bin/env bash
# bash verify/twin/bench.sh: the packet twin's figures, per stack, for a 20-office hub and
# for the hub and the IDC on transit routers.
# Prints namespaces, links, daemons, tunnels, BGP sessions, probes, and seconds for
# bring-up, probing, negative checks and teardown, plus the twin's peak memory (the
# sampled sum of RSS over every process in its PID namespace, node included).
# Figures, not pass/fail thresholds; the run still fails if any matrix differs.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.bench/twin
rm -rf "$out"; mkdir -p "$out"
node bin/synth.js >/dev/null 2>&1 || { echo "bench:twin: synth failed" >&2; exit 1; }
# default stacks, and the hub with its peering interconnect
CDKTF_OUTDIR="$out/default" node dist/main.js >/dev/null 2>&1
HUB_INTERCONNECT=peering CDKTF_OUTDIR="$out/peering" node dist/main.js >/dev/null 2>&1
# a 20-office hub: the seed's four offices plus sixteen more, split over both gateways
node -e '
const { multinationalHub } = require("./dist/config/multinational-hub");
const t = multinationalHub();
for (let i = 5; i <= 20; i++) {
  const us = i % 2 === 1;
  const name = `${us ? "us" : "cn"}-office-${i}`;
  t.offices.push({ name, publicIp: `203.0.113.${10 + i}`, cidrs: [`10.${us ? 10 : 20}.${100 + i}.0/24`] });
  t.links.push({ kind: "vpn", name, office: name, vpc: us ? "us-vpc" : "cn-vpc" });
}
require("fs").writeFileSync(process.argv[1], JSON.stringify(t, null, 2));
' "$out/hub20.json"
TOPOLOGY_FILE="$out/hub20.json" CDKTF_OUTDIR="$out/hub20" node dist/main.js >/dev/null 2>&1

rc=0
run() { # label dir stack...
  local label=$1 dir=$2; shift 2
  local args=(); for s in "$@"; do args+=(--stack "$s"); done
  bash verify/twin/run.sh "$dir" "${args[@]}" --json "$out/$label.json" > "$out/$label.log" 2>&1 || rc=1
  node -e '
const r = require(process.argv[1]);
for (const s of r.reports) console.log([process.argv[2], s.stack, s.namespaces, s.links, s.daemons, s.tunnels, s.bgpSessions, s.probes,
  s.bringUpS.toFixed(2), s.probeS.toFixed(2), s.negativeS.toFixed(2), s.teardownS.toFixed(2), s.mismatches.length === 0 && s.negative.every((n) => n.caught) ? "pass" : "FAIL"].join("\t"));
console.log(["peak", process.argv[2], r.peakRssMiB.toFixed(0) + " MiB"].join("\t"));
' "$PWD/$out/$label.json" "$label" >> "$out/table.tsv" || { echo "bench:twin: $label produced no report; see $out/$label.log" >&2; rc=1; }
}
t0=$(date +%s.%N)
run default "$out/default" $(ls "$out/default/stacks")
run peering "$out/peering" $(ls "$out/peering/stacks" | grep multinational-hub)
run hub20 "$out/hub20" $(ls "$out/hub20/stacks" | grep multinational-hub)
# the hub and the IDC on transit routers (the twin's hand-written TR stacks)
run tr "verify/twin/fixtures/transit-router" $(ls verify/twin/fixtures/transit-router/stacks)
t1=$(date +%s.%N)
printf '%-8s %-32s %4s %5s %7s %7s %4s %6s %9s %7s %8s %9s %s\n' run stack ns links daemons tunnels bgp probes bring-up probes negative teardown result
grep -v '^peak' "$out/table.tsv" | while IFS=$'\t' read -r a b c d e f g h i j k l m; do
  printf '%-8s %-32s %4s %5s %7s %7s %4s %6s %8ss %6ss %7ss %8ss %s\n' "$a" "$b" "$c" "$d" "$e" "$f" "$g" "$h" "$i" "$j" "$k" "$l" "$m"
done
grep '^peak' "$out/table.tsv" | while IFS=$'\t' read -r _ label mem; do echo "peak memory ($label run): $mem"; done
awk -v a="$t0" -v b="$t1" -v c="$(nproc)" 'BEGIN { printf "total wall clock: %.1f s (%s cores)\n", b - a, c }'
exit $rc
