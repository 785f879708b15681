/**
 * Entry point (cdktf.json `app`, through scripts/synth.js). Settings come from cdktf
 * context or the environment, here and nowhere else:
 *   env              HYBRID_ENV        dev | prod          environment overlay
 *   topologyFile     TOPOLOGY_FILE     path.json|.yaml      replaces the scenario of the same name
 *   hubInterconnect  HUB_INTERCONNECT  router-interface | peering
 */
import { runApp } from "./app";

process.exitCode = runApp({
  settings: {
    env: process.env.HYBRID_ENV,
    topologyFile: process.env.TOPOLOGY_FILE,
    hubInterconnect: process.env.HUB_INTERCONNECT,
  },
});
