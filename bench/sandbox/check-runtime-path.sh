#!/usr/bin/env bash
# Checks that the runtime path of the NativeAOT oasis-eth loads no library the node's sandbox lacks: runs the
# EVM (precompiles: ecrecover, sha256, ripemd160, KZG; the MKVS state backend) and transaction decoding with sender
# recovery on conformance fixtures inside run-in-bwrap.sh (node flags, DT_NEEDED libraries only, no /proc,
# seccomp allow-list). A dlopen of OpenSSL or libsecp256k1 aborts the process there ("No usable version of libssl
# was found"), so a pass means the path is fully managed.
#
#   bench/sandbox/check-runtime-path.sh [ELF]     (default: publish one to /tmp/oasis-eth-aot first)
# Needs: bubblewrap, clang (or cc), lld, zlib1g-dev, libseccomp-dev (Debian), the shared conformance fixtures
# in ../shared/conformance beside the repository (or OASISETH_SHARED).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
shared="${OASISETH_SHARED:-$(cd "$repo/.." && pwd)/shared}"
elf="${1:-}"
if [[ -z "$elf" ]]; then
  dotnet publish "$repo/runtime/OasisEth.Node" -c Release -r linux-x64 -p:PublishAot=true -o /tmp/oasis-eth-aot >/dev/null
  elf=/tmp/oasis-eth-aot/oasis-eth
fi
echo "ELF: $elf ($(stat -c %s "$elf") bytes); DT_NEEDED: $(ldd "$elf" | awk '/=>/ { printf "%s ", $1 }')"
gst="$shared/conformance/GeneralStateTests"
run() { echo "== $*"; "$here/run-in-bwrap.sh" "$@" | tail -1; }
run --data "$gst" "$elf" statetest /data/stPreCompiledContracts2
run --data "$gst" "$elf" statetest /data/stPreCompiledContracts
run --data "$gst" "$elf" statetest --state mkvs /data/stPreCompiledContracts2
run --data "$shared/conformance/EEST/state_tests/cancun/eip4844_blobs" "$elf" statetest /data/point_evaluation_precompile
run --data "$shared/conformance/TransactionTests" "$elf" txtest /data
