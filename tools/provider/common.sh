# Shared settings for the provider/validate scripts. Source it; do not run it.
# The provider pin has one home: cdktf.json. Everything here derives from it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export CHECKPOINT_DISABLE=1 DISABLE_VERSION_CHECK=1

read_pin() { node -e 'const p=require(process.argv[1]).terraformProviders.find(p=>p.name==="alicloud"); console.log(p[process.argv[2]])' "$ROOT/cdktf.json" "$1"; }
PROVIDER_VERSION="$(read_pin version)"          # e.g. 1.240.0
PROVIDER_SOURCE="$(read_pin source)"            # aliyun/alicloud
PROVIDER_MODULE="github.com/aliyun/terraform-provider-alicloud"

CACHE_ROOT="${ALICLOUD_CDKTF_CACHE:-$HOME/.cache/alicloud-cdktf}"
PROVIDER_BIN_DIR="$CACHE_ROOT/provider/v$PROVIDER_VERSION/bin"
PROVIDER_BIN="$PROVIDER_BIN_DIR/terraform-provider-alicloud"
MIRROR_DIR="$CACHE_ROOT/mirror"
TF_RC="$CACHE_ROOT/terraformrc"               # CLI config used only by this project's scripts
TOFU_BIN_DIR="$CACHE_ROOT/opentofu/bin"

GOOS_GOARCH="$(go env GOOS 2>/dev/null || echo linux)_$(go env GOARCH 2>/dev/null || echo amd64)"

# Terraform itself: the machine's terraform if present, else OpenTofu built from its Go module.
resolve_terraform() {
  if [[ -n "${TERRAFORM_BINARY_NAME:-}" ]] && command -v "$TERRAFORM_BINARY_NAME" >/dev/null; then
    TF="$(command -v "$TERRAFORM_BINARY_NAME")"
  elif command -v terraform >/dev/null; then
    TF="$(command -v terraform)"
  else
    bash "$ROOT/tools/provider/build-opentofu.sh" >&2
    TF="$TOFU_BIN_DIR/tofu"
  fi
  export TERRAFORM_BINARY_NAME="$TF"
}

log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }

# The fully qualified provider address (host/namespace/type) as the Terraform binary in
# use resolves our short source. Terraform and OpenTofu default to different registry
# hosts, so we ask the binary instead of hard-coding either.
provider_fqn() {
  local d; d="$(mktemp -d)"
  printf '{"terraform":{"required_providers":{"alicloud":{"source":"%s","version":"%s"}}}}' \
    "$PROVIDER_SOURCE" "$PROVIDER_VERSION" > "$d/main.tf.json"
  (cd "$d" && TF_CLI_CONFIG_FILE=/dev/null "$TF" providers 2>/dev/null) \
    | sed -n 's/.*provider\[\([^]]*\)\].*/\1/p' | head -n1
  rm -rf "$d"
}

# go_install_from_module MODULE VERSION PACKAGE BINDIR LOG
# `go install MODULE/PACKAGE@VERSION`, run inside the downloaded module instead: that
# form works when the proxy refuses the module's version list (the alicloud provider)
# and when go.mod has replace directives (OpenTofu), with the module's own go.sum.
go_install_from_module() {
  local module="$1" version="$2" pkg="$3" bindir="$4" logfile="$5" moddir
  moddir="$(cd "$(mktemp -d)" && go mod download -json "$module@$version" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);if(j.Error){console.error(j.Error);process.exit(1)}console.log(j.Dir)})')"
  mkdir -p "$bindir" "$(dirname "$logfile")"
  local timer=(); [[ -x /usr/bin/time ]] && timer=(/usr/bin/time -v)   # peak memory, where GNU time exists
  ( cd "$moddir" && GOFLAGS="${GOFLAGS:-} -mod=readonly" GOBIN="$bindir" "${timer[@]}" go install -trimpath -ldflags='-s -w' "$pkg" ) \
    2> "$logfile" || { tail -n 40 "$logfile" >&2; return 1; }
}
