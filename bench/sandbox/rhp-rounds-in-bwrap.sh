#!/usr/bin/env bash
# The ParaTime runtime the way a node operator runs it: the NativeAOT ELF, packed by `oasis-eth bundle`, verified,
# taken back out of the .orc, and started by the RHP test host (tests/OasisEth.ParaTime.Tests) under bwrap with
# oasis-node's flags, mounts and seccomp allow-list (run-in-bwrap.sh) for every runtime process of those tests:
# handshake, malformed frames, pings during a held batch, CheckTx and queries, and 100 rounds of mixed traffic
# proposed by one sandboxed process and replayed by another.
#
#   bench/sandbox/rhp-rounds-in-bwrap.sh [AOT_OUTPUT_DIR]
#
# Needs Debian's bubblewrap, clang, lld, zlib1g-dev and libseccomp-dev (apt-get install ...). AOT_OUTPUT_DIR is a
# `dotnet publish -p:PublishAot=true` output of runtime/OasisEth.Node; without it the script publishes one (minutes).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT

aot="${1:-}"
if [[ -z "$aot" ]]; then
  aot="$work/aot"
  dotnet publish "$repo/runtime/OasisEth.Node/OasisEth.Node.csproj" -c Release -r linux-x64 -p:PublishAot=true -o "$aot" >/dev/null
fi
elf="$aot/oasis-eth"
echo "AOT binary: $(stat -c %s "$elf") bytes; needs: $(ldd "$elf" | awk '{print $1}' | tr '\n' ' ')"

# The bundle an operator downloads (the network genesis, appended to the ELF), verified, then unpacked.
"$elf" bundle --executable "$elf" --output "$work/oasis-eth.orc"
"$elf" bundle --verify "$work/oasis-eth.orc"
python3 - "$work/oasis-eth.orc" "$work/unpacked" <<'PY'
import sys, zipfile, os
z = zipfile.ZipFile(sys.argv[1]); os.makedirs(sys.argv[2]); z.extractall(sys.argv[2])
os.chmod(os.path.join(sys.argv[2], "oasis-eth"), 0o700)   # as oasis-node does on load
print("bundle entries:", ", ".join(z.namelist()))
PY

export OASISETH_SANDBOX_WRAPPER="$repo/bench/sandbox/run-in-bwrap.sh"
export OASISETH_SANDBOX_ELF="$work/unpacked/oasis-eth"
cd "$repo"
dotnet test tests/OasisEth.ParaTime.Tests -c Release --logger "console;verbosity=normal"
