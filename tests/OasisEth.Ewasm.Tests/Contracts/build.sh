#!/usr/bin/env bash
# Builds the C test contracts to Ewasm modules: WebAssembly 1.0 (-mcpu=mvp), no libc, exports main and memory only.
# Usage: build.sh OUT_DIR. Needs clang with the wasm32 target and wasm-ld (Debian: clang-14, lld-14).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:?output directory}"
mkdir -p "$out"
clang="$(command -v clang-14 || command -v clang)"
for src in "$here"/*.c; do
  name="$(basename "$src" .c)"
  "$clang" --target=wasm32 -mcpu=mvp -O2 -nostdlib -ffreestanding -fno-builtin \
    -fuse-ld="$(command -v wasm-ld-14 || command -v wasm-ld)" \
    -Wl,--no-entry -Wl,--strip-all -Wl,-z,stack-size=8192 -Wl,--initial-memory=131072 -Wl,--max-memory=131072 \
    -o "$out/$name.wasm" "$src"
done
