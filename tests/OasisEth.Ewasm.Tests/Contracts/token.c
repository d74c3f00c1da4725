/* An ERC-20-like token as an Ewasm contract: balanceOf(address), totalSupply(), transfer(address,uint256) with the
 * Solidity ABI and the standard Transfer event, so EVM contracts and ethers call it as any token. Balances are
 * 64-bit numbers in 256-bit words, stored at the holder's address as the key; the total supply at key 0.
 * mint(uint256) (selector 0xa0712d68) gives the caller new tokens, for setting up. */
#include "eei.h"

static const u8 TRANSFER_TOPIC[32] = {
    0xdd, 0xf2, 0x52, 0xad, 0x1b, 0xe2, 0xc8, 0x9b, 0x69, 0xc2, 0xb0, 0x68, 0xfc, 0x37, 0x8d, 0xaa,
    0x95, 0x2b, 0xa7, 0xf1, 0x63, 0xc4, 0xa1, 0x16, 0x28, 0xf5, 0x5a, 0x4d, 0xf5, 0x23, 0xb3, 0xef };

static u8 input[4 + 64];
static u8 key[32], value[32], topic_from[32], topic_to[32];

static void address_key(u8 *k, const u8 *address20) { memset(k, 0, 12); memcpy(k + 12, address20, 20); }

static u64 load_u64(const u8 *k) {
    u64 v;
    eei_storage_load(k, value);
    if (!word_to_u64(value, &v)) eei_revert(0, 0);
    return v;
}

static void store_u64(const u8 *k, u64 v) { word_from_u64(value, v); eei_storage_store(k, value); }

static __attribute__((noreturn)) void return_u64(u64 v) { word_from_u64(value, v); eei_finish(value, 32); }

EXPORT_MAIN {
    u32 size = eei_call_data_size();
    if (size < 4) eei_revert(0, 0);
    eei_call_data_copy(input, 0, size < sizeof input ? size : sizeof input);
    u32 selector = (u32)input[0] << 24 | (u32)input[1] << 16 | (u32)input[2] << 8 | input[3];
    u8 caller[20];
    eei_get_caller(caller);
    u64 amount;

    switch (selector) {
    case 0x70a08231: /* balanceOf(address) */
        if (size < 36) eei_revert(0, 0);
        return_u64(load_u64(input + 4));
    case 0x18160ddd: /* totalSupply() */
        memset(key, 0, 32);
        return_u64(load_u64(key));
    case 0xa0712d68: /* mint(uint256) */
        if (size < 36 || !word_to_u64(input + 4, &amount)) eei_revert(0, 0);
        address_key(key, caller);
        store_u64(key, load_u64(key) + amount);
        memset(key, 0, 32);
        store_u64(key, load_u64(key) + amount);
        return_u64(1);
    case 0xa9059cbb: { /* transfer(address,uint256) */
        if (size < 68 || !word_to_u64(input + 36, &amount)) eei_revert(0, 0);
        address_key(key, caller);
        u64 from = load_u64(key);
        if (from < amount) eei_revert("insufficient balance", 20);
        store_u64(key, from - amount);
        address_key(topic_to, input + 16);
        store_u64(topic_to, load_u64(topic_to) + amount);
        address_key(topic_from, caller);
        word_from_u64(value, amount);
        eei_log(value, 32, 3, TRANSFER_TOPIC, topic_from, topic_to, 0);
        return_u64(1);
    }
    default:
        eei_revert(0, 0);
    }
}
