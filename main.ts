/**
 * Entry point (cdktf.json `app`, through bin/synth.js). Settings come from the
 * environment, then cdktf.json's `context`, here and nowhere else (config/settings.ts):
 *   env              HYBRID_ENV        dev | prod          environment overlay
 *   topologyFile     TOPOLOGY_FILE     path.json|.yaml      replaces the scenario of the same name
 *   hubInterconnect  HUB_INTERCONNECT  router-interface | peering | transit-router
 *   idcInterconnect  IDC_INTERCONNECT  vbr | transit-router   how the leased-line IDC reaches its VPCs
 */
import { join } from "path";
import { runApp } from "./app";
import { cdktfContext, resolveSettings } from "./config/settings";
import { TopologyError } from "./lib/topology";

try {
  process.exitCode = runApp({
    settings: resolveSettings(process.env, cdktfContext(join(process.cwd(), "cdktf.json"))),
    // set by the cdktf/cdktn CLI's synth step only (cli-core synth-stack.js)
    underCli: process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS === "true",
  });
} catch (e) {
  if (!(e instanceof TopologyError)) throw e;
  console.error(e.message);
  process.exitCode = 1;
}
