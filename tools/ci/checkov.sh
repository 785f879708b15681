#!/usr/bin/env bash
# Security scan: checkov over the synthesized Terraform JSON (`--framework terraform_json`).
# Installs the pinned checkov into a virtualenv cached under ~/.cache/alicloud-cdktf
# (reused while it holds the pinned version), synthesizes every stack plus the hub with
# its peering interconnect, scans them in one checkov run, prints passed/failed/skipped
# per stack, and exits 1 on any failed check. Skips are inline, on the resource they
# concern, with their reason: `"//": {"checkov": {"skip": [{id, comment}]}}`, written by
# lib/private/checkov.ts. checkov's terraform_json runner reads but ignores that block,
# so the report step below applies it, fails on a stale or malformed skip, and proves on
# a fixture each run that it works (docs/security-scan.md).
#   CHECKOV_INSTALL_ONLY=1  only create/refresh the venv (used to time a cold install)
#   CHECKOV_PYTHON=python3  the interpreter the venv is made from
source "$(dirname "$0")/../provider/common.sh"

CHECKOV_VERSION="3.3.30"
VENV="$CACHE_ROOT/checkov-venv"
PYTHON="${CHECKOV_PYTHON:-python3}"
MARKER="$VENV/.checkov-$CHECKOV_VERSION"

install_checkov() {
  mkdir -p "$CACHE_ROOT"
  exec 9>"$CACHE_ROOT/checkov-venv.lock"
  flock 9 # one installer at a time; a second run waits, then reuses
  if [[ -f "$MARKER" && -x "$VENV/bin/checkov" ]] \
     && compgen -G "$VENV/lib/python3*/site-packages/checkov-$CHECKOV_VERSION.dist-info" >/dev/null; then
    exec 9>&-; return 0
  fi
  command -v "$PYTHON" >/dev/null || { log "$PYTHON not found: checkov needs Python 3.9 or newer with venv and pip"; exit 1; }
  local t0=$SECONDS
  log "installing checkov $CHECKOV_VERSION into $VENV (cold: about 1-2 minutes)"
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-input "checkov==$CHECKOV_VERSION"
  "$VENV/bin/checkov" --version >/dev/null
  touch "$MARKER"
  log "checkov $CHECKOV_VERSION installed in $((SECONDS - t0))s"
  exec 9>&-
}

install_checkov
[[ -n "${CHECKOV_INSTALL_ONLY:-}" ]] && exit 0

cd "$ROOT"
work="$(mktemp -d "${TMPDIR:-/tmp}/checkov-scan.XXXXXX")"
keep=0
trap '[[ $keep == 1 ]] || rm -rf "$work"' EXIT

# Synthesize into a directory of our own, so a concurrent synth into cdktf.out (another
# environment) or `npm run validate` (which clears cdktf.out.variants) cannot mix in.
synth() {
  if ! env "$@" >"$work/synth.log" 2>&1; then keep=1; log "synthesis failed ($*):"; cat "$work/synth.log" >&2; exit 1; fi
}
synth CDKTF_OUTDIR="$work/default" node bin/synth.js
synth HUB_INTERCONNECT=peering CDKTF_OUTDIR="$work/peering" node dist/main.js

# A fixture proving, on every run, that inline skips are applied with this checkov: two
# SSH-from-anywhere rules, one skipped. The scan expects exactly one failure, on `open`.
mkdir -p "$work/selftest"
cat >"$work/selftest/inline-skip.tf.json" <<'JSON'
{
  "provider": { "alicloud": [{ "region": "cn-hangzhou" }] },
  "resource": {
    "alicloud_security_group_rule": {
      "open": { "type": "ingress", "ip_protocol": "tcp", "port_range": "22/22", "cidr_ip": "0.0.0.0/0", "nic_type": "intranet", "security_group_id": "sg-selftest" },
      "skipped": {
        "//": { "checkov": { "skip": [{ "id": "CKV_ALI_2", "comment": "self-test: this rule is skipped inline" }] } },
        "type": "ingress", "ip_protocol": "tcp", "port_range": "22/22", "cidr_ip": "0.0.0.0/0", "nic_type": "intranet", "security_group_id": "sg-selftest"
      }
    }
  }
}
JSON

targets=()
for f in "$work"/default/stacks/*/cdk.tf.json; do targets+=("$(basename "$(dirname "$f")")=${f#"$work"/}"); done
for f in "$work"/peering/stacks/multinational-hub-*/cdk.tf.json; do targets+=("$(basename "$(dirname "$f")") (peering)=${f#"$work"/}"); done
args=()
for t in "${targets[@]}" "selftest=selftest/inline-skip.tf.json"; do args+=(-f "${t#*=}"); done

# --skip-download: no call to the vendor's platform (offline, and no BC_* ids needed).
# --soft-fail: checkov's own exit code does not judge; the report below does.
if ! (cd "$work" && "$VENV/bin/checkov" --framework terraform_json "${args[@]}" \
      --skip-download --soft-fail --output json >report.json 2>checkov.log); then
  keep=1; log "checkov did not run to the end; its log:"; tail -n 40 "$work/checkov.log" >&2; exit 1
fi

if ! node - "$work" "$CHECKOV_VERSION" "${targets[@]}" <<'NODE'; then
// Applies the inline skips that checkov's terraform_json runner reads but ignores
// ("//".checkov.skip on the resource; see lib/private/checkov.ts), prints a per-stack
// summary and the findings, and exits 1 on a failed check, a stale or malformed skip,
// a parse error, or a self-test that does not come out as expected.
"use strict";
const fs = require("fs");
const path = require("path");
const [work, version, ...targets] = process.argv.slice(2);
const CHECK_ID = /^CKV2?_[A-Z0-9]+_\d+$/;
const raw = JSON.parse(fs.readFileSync(path.join(work, "report.json"), "utf8"));
const reports = (Array.isArray(raw) ? raw : [raw]).filter((r) => !r.check_type || r.check_type === "terraform_json");
const records = [];
const parseErrors = [];
for (const r of reports) {
  for (const [status, list] of [["PASSED", "passed_checks"], ["FAILED", "failed_checks"], ["SKIPPED", "skipped_checks"]]) {
    for (const rec of (r.results && r.results[list]) || []) records.push({ ...rec, status });
  }
  parseErrors.push(...((r.results && r.results.parsing_errors) || []));
}
const norm = (p) => p.replace(/^\/+/, "");

function scan(label, file) {
  const tf = JSON.parse(fs.readFileSync(path.join(work, file), "utf8"));
  const byKey = new Map();
  for (const [type, blocks] of Object.entries(tf.resource || {})) {
    for (const [key, body] of Object.entries(blocks)) byKey.set(key, [...(byKey.get(key) || []), { type, key, body }]);
  }
  // checkov 3.3.30 names terraform_json resources `resource.<key>`; graph checks use `<type>.<key>`.
  const resolve = (id) => {
    const dot = id.indexOf(".");
    const [head, key] = [id.slice(0, dot), id.slice(dot + 1)];
    const found = (byKey.get(key) || []).filter((b) => head === "resource" || b.type === head);
    return found.length === 1 ? found[0] : undefined;
  };
  const out = { label, file, passed: 0, failed: [], skipped: [], problems: [] };
  const mine = records.filter((r) => norm(r.file_path) === norm(file));
  const seen = new Map(); // "<type>.<key> <check>" -> statuses
  for (const rec of mine) {
    const res = resolve(rec.resource);
    const name = res ? `${res.type}.${res.key}` : rec.resource;
    const where = res && res.body["//"] && res.body["//"].metadata ? res.body["//"].metadata.path : `${file}:${rec.file_line_range.join("-")}`;
    seen.set(`${name} ${rec.check_id}`, [...(seen.get(`${name} ${rec.check_id}`) || []), rec.status]);
    const skip = res && skipsOf(res).find((s) => s.id === rec.check_id);
    const item = { id: rec.check_id, check: rec.check_name, name, where };
    if (rec.status === "PASSED") out.passed++;
    else if (rec.status === "SKIPPED") out.skipped.push({ ...item, comment: (rec.check_result && rec.check_result.suppress_comment) || (skip && skip.comment) || "" });
    else if (skip && typeof skip.comment === "string" && skip.comment.trim()) out.skipped.push({ ...item, comment: skip.comment.trim() });
    else out.failed.push(item);
  }
  for (const res of [...byKey.values()].flat()) {
    const name = `${res.type}.${res.key}`;
    for (const s of skipsOf(res)) {
      if (!s || typeof s.id !== "string" || !CHECK_ID.test(s.id) || typeof s.comment !== "string" || !s.comment.trim()) {
        out.problems.push(`malformed skip ${JSON.stringify(s)} on ${name}: needs {"id": "CKV_…", "comment": "<reason>"}`);
        continue;
      }
      const st = seen.get(`${name} ${s.id}`) || [];
      if (st.length === 0) out.problems.push(`stale skip ${s.id} on ${name}: checkov ${version} does not run ${s.id} on this resource`);
      else if (st.every((x) => x === "PASSED")) out.problems.push(`stale skip ${s.id} on ${name}: the check passes; remove the skip`);
    }
  }
  return out;
}
function skipsOf(res) {
  const meta = res.body["//"];
  const skip = meta && meta.checkov && meta.checkov.skip;
  return skip === undefined ? [] : Array.isArray(skip) ? skip : [skip];
}

const results = targets.map((t) => { const i = t.indexOf("="); return scan(t.slice(0, i), t.slice(i + 1)); });
const self = scan("selftest", "selftest/inline-skip.tf.json");
const selfOk = self.failed.length === 1 && /\.open$/.test(self.failed[0].name) && self.failed[0].id === "CKV_ALI_2"
  && self.skipped.length === 1 && /\.skipped$/.test(self.skipped[0].name) && self.problems.length === 0;

const row = (a, b, c, d) => console.log(`${a.padEnd(36)} ${String(b).padStart(6)} ${String(c).padStart(6)} ${String(d).padStart(7)}`);
row("STACK", "PASSED", "FAILED", "SKIPPED");
const sum = { passed: 0, failed: 0, skipped: 0 };
for (const r of results) {
  row(r.label, r.passed, r.failed.length, r.skipped.length);
  sum.passed += r.passed; sum.failed += r.failed.length; sum.skipped += r.skipped.length;
}
row("TOTAL", sum.passed, sum.failed, sum.skipped);
let bad = sum.failed > 0;
for (const r of results) {
  for (const f of r.failed) console.log(`  FAILED  ${f.id} ${f.check}\n          ${r.label}: ${f.name} (${f.where})`);
  for (const s of r.skipped) console.log(`  skipped ${s.id} ${r.label}: ${s.name}: ${s.comment}`);
  for (const p of r.problems) { console.log(`  SKIP-ERROR ${r.label}: ${p}`); bad = true; }
}
for (const e of parseErrors) { console.log(`  PARSE-ERROR ${e}`); bad = true; }
if (!selfOk) {
  console.log(`  SELF-TEST FAILED: inline skips are not applied as expected with checkov ${version}: ${JSON.stringify(self)}`);
  bad = true;
}
console.log(`checkov ${version} (terraform_json) over ${results.length} stacks; inline-skip self-test ${selfOk ? "ok" : "FAILED"}${bad ? "; scan FAILED" : ""}`);
process.exit(bad ? 1 : 0);
NODE
  keep=1; log "reports kept in $work"; exit 1
fi
