/* The Ewasm host functions (EEI revision 4) the test contracts use, imported from the "ethereum" module. */
#ifndef EEI_H
#define EEI_H

typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef long long i64;

#define EEI(name) __attribute__((import_module("ethereum"), import_name(#name)))

EEI(getCallDataSize) u32 eei_call_data_size(void);
EEI(callDataCopy) void eei_call_data_copy(void *result, u32 offset, u32 length);
EEI(getCaller) void eei_get_caller(void *result);
EEI(storageLoad) void eei_storage_load(const void *key, void *result);
EEI(storageStore) void eei_storage_store(const void *key, const void *value);
EEI(log) void eei_log(const void *data, u32 length, u32 topics, const void *t1, const void *t2, const void *t3, const void *t4);
EEI(finish) __attribute__((noreturn)) void eei_finish(const void *data, u32 length);
EEI(revert) __attribute__((noreturn)) void eei_revert(const void *data, u32 length);
EEI(call) u32 eei_call(i64 gas, const void *address, const void *value, const void *data, u32 length);
EEI(getGasLeft) i64 eei_gas_left(void);
EEI(getReturnDataSize) u32 eei_return_data_size(void);
EEI(returnDataCopy) void eei_return_data_copy(void *result, u32 offset, u32 length);

#define EXPORT_MAIN __attribute__((export_name("main"))) void contract_main(void)

/* No libc: the few byte helpers the contracts need (the compiler may also call these for copies). */
void *memset(void *d, int c, unsigned long n) { u8 *p = d; while (n--) *p++ = (u8)c; return d; }
void *memcpy(void *d, const void *s, unsigned long n) { u8 *p = d; const u8 *q = s; while (n--) *p++ = *q++; return d; }

/* A big-endian 256-bit word holding a 64-bit number in its last 8 bytes. */
static void word_from_u64(u8 *word, u64 v) { memset(word, 0, 32); for (int i = 31; i >= 24; i--) { word[i] = (u8)v; v >>= 8; } }
static int word_to_u64(const u8 *word, u64 *v) {
    for (int i = 0; i < 24; i++) if (word[i]) return 0;
    u64 r = 0; for (int i = 24; i < 32; i++) r = (r << 8) | word[i];
    *v = r; return 1;
}
#endif
