#!/usr/bin/env bash
# Installs the Debian 12 packages paimon-c needs to build and test. Idempotent: prints nothing
# and touches nothing when everything is installed already. Run as root (or with sudo).
set -euo pipefail
packages=(
    build-essential cmake ninja-build pkg-config     # toolchain
    clang libclang-rt-14-dev llvm                    # sanitizers and libFuzzer
    python3                                          # the compat runner
    libzstd-dev liblz4-dev zlib1g-dev libsnappy-dev  # codecs
    libjansson-dev                                   # JSON metadata
    libroaring-dev                                   # deletion vectors
    binutils                                         # nm for the exported-symbols check
)
missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
if ((${#missing[@]} == 0)); then
    exit 0
fi
echo "installing: ${missing[*]}"
sudo=""
if [[ $(id -u) -ne 0 ]]; then
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
