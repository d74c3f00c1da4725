#!/usr/bin/env bash
# bench/compare/repeat.mjs (every evmone case called again and again on one `oasis-eth dev --evm-tier compiled`, and
# sent as transactions) under the runtime modes of run.sh, against a built node (its Release output is ReadyToRun for
# x86-64-v3). Usage: bench/codegen/node-repeat.sh [NODE_BIN] [repeat.mjs args...]; MODES="..." picks modes.
# Exit code 1 if any mode saw an answer change.
set -u
cd "$(dirname "$0")/../.."
bin="${1:-runtime/OasisEth.Node/bin/Release/net10.0/linux-x64/oasis-eth}"; shift || true
node_env="DOTNET_TieredPGO=0 DOTNET_TC_CallCountingDelayMs=20" # the node's own settings, restated
declare -A modes=(
  [r2r-tiered]=""
  [r2r-kept]="DOTNET_TC_CallCounting=0"
  [jit-fullopt]="DOTNET_ReadyToRun=0 DOTNET_TieredCompilation=0"
  [tier0-only]="DOTNET_ReadyToRun=0 DOTNET_TieredCompilation=1 DOTNET_TC_CallCounting=0"
  [minopts]="DOTNET_ReadyToRun=0 DOTNET_TieredCompilation=0 DOTNET_JITMinOpts=1"
  [osr]="DOTNET_ReadyToRun=0 DOTNET_TC_QuickJitForLoops=1 DOTNET_TC_OnStackReplacement=1 DOTNET_OSR_HitLimit=1 DOTNET_TC_OnStackReplacement_InitialCounter=1"
  [no-avx512]="DOTNET_EnableAVX512F=0 DOTNET_EnableAVX512=0"
  [no-hwintrinsic]="DOTNET_EnableHWIntrinsic=0"
  [gc-workstation]="DOTNET_gcServer=0"
  [gc-tiny-gen0]="DOTNET_GCgen0size=0x20000"
)
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
