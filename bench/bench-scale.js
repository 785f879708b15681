#!/usr/bin/env node
// Synthesizes the multinational hub with N offices (split over the two regions) and
// prints time, resource count and peak RSS. Used by bench.js; needs dist/ (synth.js builds it).
//   node bench/bench-scale.js N [--policy]   --policy: with the synth-time policy checks, as the app runs them
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { App } = require("cdktf");
const { multinationalHub } = require("../dist/config/multinational-hub");
const { MultinationalHubStack } = require("../dist/stacks");

const n = Number(process.argv[2] || 100);
const withPolicy = process.argv.includes("--policy");
const base = multinationalHub();
const offices = [];
const links = base.links.filter((l) => l.kind !== "vpn");
// Each region gets a contiguous block of office ranges, as a real deployment would
// plan them: the first half in us-east-1, the rest in cn-shanghai.
for (let i = 0; i < n; i++) {
  const vpc = i < n / 2 ? "us-vpc" : "cn-vpc";
  const name = `office-${i}`;
  // 10.<32 + i/256>.<i%256>.0/24: disjoint /24s away from the VPCs
  // one address per office (validation refuses two offices on one address): placeholders
  // while they last, then public addresses; synthesis only, nothing is deployed
  const publicIp = i < 250 ? `203.0.113.${i + 1}` : `47.89.${Math.floor(i / 250)}.${(i % 250) + 1}`;
  offices.push({ name, publicIp, cidrs: [`10.${32 + Math.floor(i / 256)}.${i % 256}.0/24`] });
  links.push({ kind: "vpn", name, office: name, vpc });
}
const topology = { ...base, offices, links, summarize: true }; // opt-in: 1,000 /24s fit the quotas only summarized
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-scale-"));
const t0 = process.hrtime.bigint();
const app = new App({ outdir });
new MultinationalHubStack(app, "hub", {
  topology,
  policy: withPolicy ? require("../dist/config/provider-schema").providerSchemaFacts() : undefined,
});
app.synth();
const s = Number(process.hrtime.bigint() - t0) / 1e9;
const json = JSON.parse(fs.readFileSync(path.join(outdir, "stacks/hub/cdk.tf.json"), "utf8"));
const resources = Object.values(json.resource).reduce((a, r) => a + Object.keys(r).length, 0);
fs.rmSync(outdir, { recursive: true, force: true });
const rss = process.resourceUsage().maxRSS / 1024;
const routes = Object.keys(json.resource.alicloud_route_entry ?? {}).length;
const rules = Object.keys(json.resource.alicloud_security_group_rule ?? {}).length;
console.log(
  `${String(n).padStart(5)} offices${withPolicy ? " (policy checks)" : ""}: ${s.toFixed(2)} s, ${resources} resources (${routes} VPC routes, ${rules} SG rules), peak RSS ${rss.toFixed(0)} MiB`,
);
