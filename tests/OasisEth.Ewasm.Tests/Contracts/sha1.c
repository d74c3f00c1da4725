/* SHA-1 of the call data as an Ewasm contract (returns the 20-byte digest): the same algorithm as the evmone
 * benchmark suite's EVM sha1 contracts, for comparing the engines on equal work. */
#include "eei.h"

static u8 data[65536];

static u32 rol(u32 x, int n) { return x << n | x >> (32 - n); }

static void block(u32 *h, const u8 *p) {
    u32 w[80];
    for (int i = 0; i < 16; i++) w[i] = (u32)p[4 * i] << 24 | (u32)p[4 * i + 1] << 16 | (u32)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 80; i++) w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    u32 a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (int i = 0; i < 80; i++) {
        u32 f, k;
        if (i < 20) { f = (b & c) | (~b & d); k = 0x5a827999; }
        else if (i < 40) { f = b ^ c ^ d; k = 0x6ed9eba1; }
        else if (i < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8f1bbcdc; }
        else { f = b ^ c ^ d; k = 0xca62c1d6; }
        u32 t = rol(a, 5) + f + e + k + w[i];
        e = d; d = c; c = rol(b, 30); b = a; a = t;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e;
}

EXPORT_MAIN {
    u32 n = eei_call_data_size();
    if (n > sizeof data - 128) eei_revert(0, 0);
    eei_call_data_copy(data, 0, n);
    u32 h[5] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0 };
    u32 full = n / 64 * 64;
    for (u32 i = 0; i < full; i += 64) block(h, data + i);
    u8 tail[128];
    u32 rest = n - full;
    memset(tail, 0, sizeof tail);
    memcpy(tail, data + full, rest);
    tail[rest] = 0x80;
    u32 tail_len = rest + 9 <= 64 ? 64 : 128;
    u64 bits = (u64)n * 8;
    for (int i = 0; i < 8; i++) tail[tail_len - 1 - i] = (u8)(bits >> (8 * i));
    for (u32 i = 0; i < tail_len; i += 64) block(h, tail + i);
    u8 out[20];
    for (int i = 0; i < 5; i++) { out[4 * i] = (u8)(h[i] >> 24); out[4 * i + 1] = (u8)(h[i] >> 16); out[4 * i + 2] = (u8)(h[i] >> 8); out[4 * i + 3] = (u8)h[i]; }
    eei_finish(out, 20);
}
