#!/usr/bin/env bash
# Runs an oasis-eth ELF the way oasis-node's sandboxed provisioner does (spec section 1.1; core:
# go/runtime/host/sandbox/process/bwrap.go, seccomp_linux.go), to check that the runtime path needs nothing the
# sandbox lacks: no /proc, no dlopen'ed library, no writable storage but /tmp, an environment of only
# OASIS_WORKER_HOST.
#
#   bench/sandbox/run-in-bwrap.sh [--no-seccomp] [--socket HOST_SOCK] [--data DIR] BINARY [ARGS...]
#
# - BINARY is bind-mounted read-only at /entrypoint and run with no argv beyond ARGS. oasis-node passes no
#   arguments at all; ARGS exist so a test can run `statetest /data/...` through the same mounts.
# - Only the ELF's DT_NEEDED libraries (resolved through ldd, as the node resolves them through the ld.so cache)
#   are mounted under /usr/lib, the dynamic loader under /lib64, and /usr/lib64 is a symlink to /usr/lib.
# - --socket binds HOST_SOCK at /host.sock (the node's RHP socket); OASIS_WORKER_HOST=/host.sock either way.
# - --data binds DIR read-only at /data (testing only; the node mounts nothing of the sort).
# - The seccomp allow-list (seccomp-allow.txt) is compiled to BPF with seccomp-bpf.c (needs clang or cc and
#   Debian's libseccomp-dev) and passed with --seccomp; --no-seccomp runs without it.
# Needs Debian's bubblewrap. Exit status is the runtime's.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

seccomp=1 socket="" data=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-seccomp) seccomp=0; shift ;;
    --socket) socket="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    *) break ;;
  esac
done
[[ $# -ge 1 ]] || { echo "usage: $0 [--no-seccomp] [--socket SOCK] [--data DIR] BINARY [ARGS...]" >&2; exit 2; }
binary="$(realpath "$1")"; shift
command -v bwrap >/dev/null || { echo "bwrap not found (apt-get install bubblewrap)" >&2; exit 2; }

args=(--unshare-all --cap-drop ALL --hostname oasis-core --die-with-parent --new-session --chdir /
      --tmpfs /tmp --dev /dev --ro-bind "$binary" /entrypoint --symlink /usr/lib /usr/lib64 --clearenv
      --setenv OASIS_WORKER_HOST /host.sock)

# DT_NEEDED libraries (ldd also lists their own needs, which the node resolves the same way), by file name.
while read -r lib; do
  [[ -n "$lib" ]] || continue
  case "$(basename "$lib")" in
    ld-linux*) args+=(--ro-bind "$lib" "/lib64/$(basename "$lib")") ;;
    *) args+=(--ro-bind "$lib" "/usr/lib/$(basename "$lib")") ;;
  esac
done < <(ldd "$binary" | awk '/=>/ { print $3 } /^[ \t]*\/.*ld-linux/ { print $1 }' | sort -u)

[[ -n "$socket" ]] && args+=(--bind "$socket" /host.sock)
[[ -n "$data" ]] && args+=(--ro-bind "$(realpath "$data")" /data)

if [[ $seccomp -eq 1 ]]; then
  work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
  cc="$(command -v clang || command -v cc || true)"
  [[ -n "$cc" ]] || { echo "no C compiler for the seccomp policy (or pass --no-seccomp)" >&2; exit 2; }
  "$cc" -O2 -o "$work/seccomp-bpf" "$here/seccomp-bpf.c" -lseccomp
  "$work/seccomp-bpf" "$here/seccomp-allow.txt" "$work/policy.bpf"
  exec 9<"$work/policy.bpf"
  args+=(--seccomp 9)
fi

set +e
bwrap "${args[@]}" /entrypoint "$@"
status=$?
exit $status
