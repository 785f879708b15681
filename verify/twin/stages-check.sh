#!/usr/bin/env bash
# bash verify/twin/stages-check.sh: the packet twin moving the default hub through a
# staged migration, both ways it can go, and the IDC to transit routers (root; bounded;
# everything in the twin's own namespaces, see run.sh):
#   - router interfaces -> transit routers and router interfaces -> peering, each in the
#     stages `hybridnet migrate` plans (new path, more-specific halves, old path out,
#     more-specifics out): must lose no probe;
#   - the IDC's VBR-to-VPC router interfaces -> transit routers (IDC_INTERCONNECT), in the
#     stages it plans (the VBR's routes move by halves its transit router publishes): must
#     lose no probe;
#   - router interfaces -> transit routers in one stage (the routes replaced in place,
#     deleted before their successors exist): must fail, naming the lost pairs and the
#     step "replace routes: delete the old ones".
# The bad order is made by verify/twin/fixtures/stages/make-stages.ts --bad, in the
# planner's format (the planner itself refuses to write it). Prints each run's figures.
set -euo pipefail
cd "$(dirname "$0")/../.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
node bin/synth.js >/dev/null 2>&1 || { echo "stages-check: synth failed" >&2; exit 1; }
CDKTF_OUTDIR="$work/base" node dist/main.js >/dev/null 2>&1
HUB_INTERCONNECT=transit-router CDKTF_OUTDIR="$work/tr" node dist/main.js >/dev/null 2>&1
HUB_INTERCONNECT=peering CDKTF_OUTDIR="$work/peering" node dist/main.js >/dev/null 2>&1
IDC_INTERCONNECT=transit-router CDKTF_OUTDIR="$work/idc-tr" node dist/main.js >/dev/null 2>&1
stages() { node "$(node -p 'require.resolve("tsx/cli")')" verify/twin/fixtures/stages/make-stages.ts "$@" >/dev/null; }
node bin/hybridnet.js migrate "$work/base" "$work/tr" --out "$work/good-tr" >/dev/null
node bin/hybridnet.js migrate "$work/base" "$work/peering" --out "$work/good-peering" >/dev/null
node bin/hybridnet.js migrate "$work/base" "$work/idc-tr" --out "$work/good-idc-tr" >/dev/null
stages "$work/base" "$work/tr" --out "$work/bad-tr" --bad

rc=0
for good in good-tr good-peering good-idc-tr; do
  echo "== $good (the planned stages: must lose nothing)"
  if TWIN_TIMEOUT=180 bash verify/twin/run.sh --stages "$work/$good" >"$work/$good.out" 2>&1 \
    && grep -q ', 0 probes lost$' "$work/$good.out"; then
    grep -E 'stage-[0-9]+:|probes sent' "$work/$good.out"
  else
    cat "$work/$good.out"; echo "stages-check: $good lost probes or failed"; rc=1
  fi
done
echo "== bad-tr (one stage, routes replaced in place: must fail and say where)"
if TWIN_TIMEOUT=180 bash verify/twin/run.sh --stages "$work/bad-tr" >"$work/bad-tr.out" 2>&1; then
  cat "$work/bad-tr.out"; echo "stages-check: the bad order lost no probe"; rc=1
elif grep -q 'probes lost at stage-1 step [0-9/]* "replace routes: delete the old ones": route-del' "$work/bad-tr.out"; then
  grep -E 'probes sent' "$work/bad-tr.out"
  grep -m 2 'LOST' "$work/bad-tr.out" | cut -c1-200
else
  cat "$work/bad-tr.out"; echo "stages-check: the bad order failed without naming the replace step"; rc=1
fi
exit "$rc"
