#!/usr/bin/env bash
# Node 22 LTS beside Node 20: with the same node_modules, under Node 22 the project
# type-checks, the unit tests pass and every stack synthesizes to the same JSON as under
# the machine's Node.
source "$(dirname "$0")/../provider/common.sh"
N22="$(bash "$ROOT/tools/ci/node22.sh")"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cd "$ROOT"
node bin/synth.js >/dev/null 2>&1 || { node bin/synth.js; exit 1; }
cp -r cdktf.out/stacks "$work/default"
echo "node22-check: reference synth on $(node --version)"
export PATH="$N22:$PATH"
echo "node22-check: now $(node --version)"
npm run --silent typecheck
npx jest --ci >"$work/jest.log" 2>&1 || { tail -n 60 "$work/jest.log"; echo "node22-check: unit tests FAILED on $(node --version)"; exit 1; }
grep -E '^Tests:' "$work/jest.log"
rm -rf dist # compile afresh under Node 22
node bin/synth.js >/dev/null 2>&1 || { node bin/synth.js; exit 1; }
diff -r "$work/default" cdktf.out/stacks >/dev/null || { diff -r "$work/default" cdktf.out/stacks | head -n 20; echo "node22-check: synthesized JSON differs between Node versions"; exit 1; }
echo "node22-check: passed on $(node --version): typecheck, unit tests, $(ls cdktf.out/stacks | wc -l) stacks byte-identical to the default Node's"
