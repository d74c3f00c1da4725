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

source bench/codegen/modes.sh # after the cd above, paths start at the repository root
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
