#!/usr/bin/env bash
# A/B of the evmone suite in thread CPU time: two builds of OasisEth.Bench (before and after a change) run
# alternately, A B B A per round, each process timing every case (--cpu-time). Prints, per case, the best
# per-operation time of each side over all rounds, their ratio B/A, and the geometric mean of the ratios.
#   bench/OasisEth.Bench/AB/interleave.sh BEFORE_BIN_DIR AFTER_BIN_DIR [ROUNDS] [FILTER]
# where each *_BIN_DIR holds OasisEth.Bench.dll (bin/Release/net10.0/linux-x64 of each checkout).
set -euo pipefail
a="$1"; b="$2"; rounds="${3:-2}"; filter="${4:-*}"
out="$(mktemp -d)"
run() { dotnet "$1/OasisEth.Bench.dll" --cpu-time "$filter" 15 2>/dev/null | grep -E '^[A-Za-z0-9_]+/[^ ]+ [0-9]+ [0-9]+$' >> "$out/$2"; }
for i in $(seq 1 "$rounds"); do
  run "$a" A; run "$b" B; run "$b" B; run "$a" A
  echo "round $i done, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
done
summary() {
  awk '
    FNR == 1 { side = (FILENAME ~ /\/A$/) ? "A" : "B" }
    { v = $2 + 0; if (!((side, $1) in best) || v < best[side, $1]) best[side, $1] = v; cases[$1] = 1 }
    END { for (k in cases) if (("A", k) in best && ("B", k) in best) printf "%s %d %d %.3f\n", k, best["A", k], best["B", k], best["B", k] / best["A", k] }
  ' "$out/A" "$out/B" | sort
}
printf "%-40s %12s %12s %8s\n" case "before ns" "after ns" "after/before"
summary | awk '{ printf "%-40s %12d %12d %8.3f\n", $1, $2, $3, $4; n++; s += log($4) }
  END { if (n) printf "geometric mean after/before over %d cases: %.3f\n", n, exp(s / n) }'
echo "raw per-process figures kept in $out" >&2
