#!/usr/bin/env bash
# bench/compare/repeat.mjs (every evmone case called again and again on one `oasis-eth dev --evm-tier compiled`, and
# sent as transactions) under the runtime modes of run.sh, against a built node (its Release output is ReadyToRun for
# x86-64-v3). Usage: bench/codegen/node-repeat.sh [NODE_BIN] [repeat.mjs args...]; MODES="..." picks modes.
# Exit code 1 if any mode saw an answer change.
set -u
cd "$(dirname "$0")/../.."
bin="${1:-runtime/OasisEth.Node/bin/Release/net10.0/linux-x64/oasis-eth}"; shift || true
source bench/codegen/modes.sh # after the cd above, paths start at the repository root
order="${MODES:-r2r-tiered r2r-kept jit-fullopt tier0-only minopts osr no-avx512 no-hwintrinsic gc-workstation gc-tiny-gen0}"
status=0
for m in $order; do
  start=$(date +%s)
  out=$(env $node_env ${modes[$m]} timeout "${MODE_TIMEOUT:-1800}" nice -n 19 node bench/compare/repeat.mjs --oasis-bin "$bin" "$@" 2>&1)
  rc=$?
  echo "$out" | grep -E '^MISMATCH' | head -5
  echo "$m: $(echo "$out" | tail -n 1) (exit $rc, $(( $(date +%s) - start )) s)"
  [ $rc -eq 0 ] || status=1
done
echo "node repeat: $([ $status -eq 0 ] && echo PASS || echo FAIL)"
exit $status
