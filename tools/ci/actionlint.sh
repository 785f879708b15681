#!/usr/bin/env bash
# Lints the GitHub Actions workflows (.github/workflows/*.yml) with actionlint and exits
# non-zero on any finding: for offline CI (.ci/run); the workflows run actionlint's
# published image at the same version. actionlint is built from its Go module at the pinned version
# into ~/.cache/alicloud-cdktf/tools/bin (the cache CI already keeps) and reused while
# that binary reports the pinned version. When shellcheck is on PATH, actionlint also
# checks every `run:` script with it (GitHub's hosted runners have it).
set -euo pipefail

ACTIONLINT_VERSION="v1.7.12"   # needs Go >= 1.25 to build
ACTIONLINT_MODULE="github.com/rhysd/actionlint"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS_BIN="${ALICLOUD_CDKTF_CACHE:-$HOME/.cache/alicloud-cdktf}/tools/bin"
BIN="$TOOLS_BIN/actionlint"
log() { printf '[actionlint.sh] %s\n' "$*" >&2; }

installed=""
if [[ -x "$BIN" ]]; then
  installed="$("$BIN" -version 2>/dev/null | head -n1 || true)"
fi
if [[ "$installed" != "$ACTIONLINT_VERSION" ]]; then
  command -v go >/dev/null || { log "Go is required to install actionlint $ACTIONLINT_VERSION"; exit 1; }
  log "installing actionlint $ACTIONLINT_VERSION into $TOOLS_BIN${installed:+ (found $installed)}"
  mkdir -p "$TOOLS_BIN"
  GOBIN="$TOOLS_BIN" go install "$ACTIONLINT_MODULE/cmd/actionlint@$ACTIONLINT_VERSION"
  installed="$("$BIN" -version | head -n1)"
  [[ "$installed" == "$ACTIONLINT_VERSION" ]] || { log "installed binary reports '$installed', expected $ACTIONLINT_VERSION"; exit 1; }
fi

cd "$ROOT"
shopt -s nullglob
workflows=(.github/workflows/*.yml)
if (( ${#workflows[@]} == 0 )); then
  log "no workflow files in .github/workflows"
  exit 1
fi
if command -v shellcheck >/dev/null; then sc="with $(shellcheck --version | sed -n 's/^version: /shellcheck /p')"; else sc="without shellcheck (not on PATH)"; fi
log "actionlint $installed $sc: ${workflows[*]}"
"$BIN" "${workflows[@]}"
log "no findings"
