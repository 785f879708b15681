#!/usr/bin/env bash
# npm run twin [cdktf.out dir] [--stack NAME]... [--no-negative] [--json FILE]
# npm run twin -- --stages DIR [--step-ms N] [--probe-ms N]   (a staged migration, in place)
# npm run twin -- [cdktf.out] --failover [--window-s N] [--element ID]... (cut each element of a redundant office)
#
# Runs the packet twin (verify/twin/run.ts) inside its own network, mount and PID
# namespaces with a private /run (its work files too, with this run's keys): every
# namespace, veth, route, nft rule and daemon it makes lives there, and all of it goes
# when that PID namespace's first process ends, on success, failure, a kill or the
# timeout (unshare --kill-child). The host's links, routes, nft rules and /run are not
# touched. Each charon binds a pid file of its own over /run/charon.pid (a compiled-in
# path), so several run side by side. Needs root and: ip, nft, swanctl, charon, bird, birdc, ping, nc (installed
# by .ci/run from Debian packages).
set -euo pipefail
cd "$(dirname "$0")/../.."
missing=()
for t in ip nft swanctl bird birdc ping nc unshare; do command -v "$t" >/dev/null || missing+=("$t"); done
[[ -x /usr/lib/ipsec/charon ]] || missing+=(/usr/lib/ipsec/charon)
[[ -e /usr/lib/ipsec/plugins/libstrongswan-kernel-libipsec.so ]] || missing+=(kernel-libipsec plugin)
if (( ${#missing[@]} )); then
  echo "twin: missing ${missing[*]}; install: apt-get install strongswan-swanctl strongswan-charon libcharon-extra-plugins libstrongswan-extra-plugins bird2 nftables iproute2 iputils-ping netcat-openbsd" >&2
  exit 1
fi
[[ $(id -u) -eq 0 ]] || { echo "twin: needs root (network namespaces)" >&2; exit 1; }
tsx="$(node -p 'require.resolve("tsx/cli")')"
# The whole run is bounded: a hung daemon or probe cannot hold CI.
exec timeout --kill-after=10 "${TWIN_TIMEOUT:-900}" \
  unshare --mount --net --pid --fork --kill-child --mount-proc --propagation private \
  bash -c 'mount -t tmpfs -o mode=755 twin-run /run && mkdir -p /run/netns && touch /run/charon.pid && ip link set lo up && exec node "$0" verify/twin/run.ts "$@"' "$tsx" "$@"
