#!/usr/bin/env bash
# Installs what the packet twin needs from Debian packages, when it is missing:
# strongSwan (charon with the kernel-libipsec plugin, swanctl), BIRD 2, nftables,
# iproute2, ping and netcat. Needs root (CI and the developers' machines run as root).
set -euo pipefail
need=0
for t in ip nft swanctl bird birdc ping nc; do command -v "$t" >/dev/null || need=1; done
[[ -e /usr/lib/ipsec/plugins/libstrongswan-kernel-libipsec.so && -x /usr/lib/ipsec/charon ]] || need=1
if (( need )); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends \
    strongswan-swanctl strongswan-charon libcharon-extra-plugins libstrongswan-extra-plugins \
    bird2 nftables iproute2 iputils-ping netcat-openbsd >/dev/null
fi
# the packages may start daemons of their own where an init system runs; the twin starts
# its own inside its namespaces and needs none of them
echo "twin tools: strongSwan $(dpkg-query -W -f='${Version}' strongswan-swanctl), $(bird --version 2>&1 | head -1), $(nft --version)"
