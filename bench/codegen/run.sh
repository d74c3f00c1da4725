#!/usr/bin/env bash
# The codegen differential (issue 17): OasisEth.Bench codegen-check, published ReadyToRun for x86-64-v3 as the node is,
# run under several runtime modes; each mode must report 0 mismatches (tiers, repeats, evmone's outputs, BigInteger)
# and write the same results file as every other mode. Usage: bench/codegen/run.sh [OUTDIR] [codegen-check args...]
# Runs niced (the machine is shared). Exit code 1 on any mismatch or difference between modes.
set -u
cd "$(dirname "$0")/../.."
out="${1:-/tmp/oasis-codegen}"; shift || true
mkdir -p "$out"
bin="$out/bin"
nice -n 19 dotnet publish bench/OasisEth.Bench -c Release -p:PublishReadyToRun=true \
  -p:PublishReadyToRunCrossgen2ExtraArgs=--instruction-set:x86-64-v3 -o "$bin" >"$out/publish.log" 2>&1 \
  || { echo "publish failed: $out/publish.log"; exit 1; }

# As the node runs: no instrumented tier, call counting 20 ms after the last tier-0 JIT (OasisEth.Node.csproj).
node_env="DOTNET_TieredPGO=0 DOTNET_TC_CallCountingDelayMs=20"
declare -A modes=(
  [r2r-tiered]="$node_env"
  [r2r-kept]="$node_env DOTNET_TC_CallCounting=0"
  [jit-fullopt]="DOTNET_ReadyToRun=0 DOTNET_TieredCompilation=0"
  [tier0-only]="DOTNET_ReadyToRun=0 DOTNET_TieredCompilation=1 DOTNET_TC_CallCounting=0"
  [minopts]="DOTNET_ReadyToRun=0 DOTNET_TieredCompilation=0 DOTNET_JITMinOpts=1"
  [osr]="DOTNET_ReadyToRun=0 DOTNET_TC_QuickJitForLoops=1 DOTNET_TC_OnStackReplacement=1 DOTNET_OSR_HitLimit=1 DOTNET_TC_OnStackReplacement_InitialCounter=1"
  [pgo]="DOTNET_ReadyToRun=0 DOTNET_TieredPGO=1"
  [no-avx512]="$node_env DOTNET_EnableAVX512F=0 DOTNET_EnableAVX512=0"
  [no-avx512-jit]="DOTNET_ReadyToRun=0 DOTNET_TieredCompilation=0 DOTNET_EnableAVX512F=0 DOTNET_EnableAVX512=0"
  [no-hwintrinsic]="DOTNET_EnableHWIntrinsic=0"
  [gc-server]="DOTNET_gcServer=1"
  [gc-tiny-gen0]="DOTNET_GCgen0size=0x20000"
)
order="${MODES:-r2r-tiered r2r-kept jit-fullopt tier0-only minopts osr pgo no-avx512 no-avx512-jit no-hwintrinsic gc-server gc-tiny-gen0}"
status=0
for m in $order; do
  echo "== $m: ${modes[$m]}"
  start=$(date +%s)
  # A hang fails too (a wrong product can send MULMOD's correction loop on for ever).
  env ${modes[$m]} timeout "${MODE_TIMEOUT:-1800}" nice -n 19 dotnet "$bin/OasisEth.Bench.dll" codegen-check --out "$out/$m.txt" "$@" >"$out/$m.log" 2>&1
  rc=$?
  tail -n 6 "$out/$m.log" | sed 's/^/   /'
  echo "   exit $rc, $(( $(date +%s) - start )) s"
  [ $rc -eq 0 ] || status=1
done
first=""
for m in $order; do
  [ -f "$out/$m.txt" ] || { status=1; continue; }
  if [ -z "$first" ]; then first=$m; continue; fi
  if cmp -s "$out/$first.txt" "$out/$m.txt"; then echo "$m: same results as $first ($(wc -l <"$out/$m.txt") lines)"
  else echo "$m: DIFFERENT results from $first:"; diff "$out/$first.txt" "$out/$m.txt" | head -20; status=1; fi
done
echo "codegen differential: $([ $status -eq 0 ] && echo PASS || echo FAIL)"
exit $status
