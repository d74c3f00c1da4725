/*
 * Writes oasis-node's runtime seccomp policy as BPF (the form bwrap's --seccomp FD takes):
 * every syscall named in the allow-list file is allowed with any arguments, clone only when none of the
 * namespace flags (mask 0x7c020000) is set, clone3 fails with ENOSYS (so glibc falls back to clone) and
 * anything else fails with EPERM. Mirrors core: go/runtime/host/sandbox/process/seccomp_linux.go.
 *
 * Build: cc -O2 -o seccomp-bpf seccomp-bpf.c -lseccomp   (Debian: libseccomp-dev)
 * Use:   ./seccomp-bpf seccomp-allow.txt policy.bpf
 */
#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc != 3) { fprintf(stderr, "usage: %s ALLOW_LIST OUT.bpf\n", argv[0]); return 2; }
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ERRNO(EPERM));
    if (!ctx) { fprintf(stderr, "seccomp_init failed\n"); return 1; }
    FILE *list = fopen(argv[1], "r");
    if (!list) { perror(argv[1]); return 1; }
    char line[128];
    int allowed = 0, skipped = 0;
    while (fgets(line, sizeof line, list)) {
        line[strcspn(line, "\r\n")] = 0;
        if (line[0] == 0 || line[0] == '#') continue;
        int nr = seccomp_syscall_resolve_name(line);
        /* Names of other architectures (chown32, mmap2, ...) resolve to nothing here; libseccomp-golang skips
           them the same way when it adds the rule. */
        if (nr == __NR_SCMP_ERROR) { skipped++; continue; }
        if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0) < 0) { skipped++; continue; }
        allowed++;
    }
    fclose(list);
    if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(clone), 1, SCMP_A0(SCMP_CMP_MASKED_EQ, 0x7c020000, 0)) < 0) {
        fprintf(stderr, "clone rule failed\n"); return 1;
    }
    if (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0) < 0) { fprintf(stderr, "clone3 rule failed\n"); return 1; }
    int fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) { perror(argv[2]); return 1; }
    if (seccomp_export_bpf(ctx, fd) < 0) { fprintf(stderr, "export failed\n"); return 1; }
    close(fd);
    seccomp_release(ctx);
    fprintf(stderr, "seccomp: %d syscalls allowed, %d names not on this architecture\n", allowed, skipped);
    return 0;
}
