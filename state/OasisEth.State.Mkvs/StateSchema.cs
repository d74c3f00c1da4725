using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using OasisEth.Primitives;

namespace OasisEth.State.Mkvs;

/// <summary>
/// How the EVM state lies in the MKVS tree (docs/state-schema.md). Three key spaces, told apart by the first byte:
/// <list type="bullet">
/// <item><c>0x01 ‖ address(20)</c> → account value (<see cref="EncodeAccount"/>);</item>
/// <item><c>0x02 ‖ keccak256(code)(32)</c> → the code bytes;</item>
/// <item><c>0x03 ‖ address(20) ‖ slot(32, big-endian)</c> → the slot's value, minimal big-endian; zero slots are absent.</item>
/// <item><c>0x04 ‖ …</c> → the chain's own records (the last block's header, recent block hashes), written by the
/// round executor so a runtime holding nothing but the state can continue the chain.</item>
/// </list>
/// Raw addresses and slots (not their hashes) keep an account's slots together under one prefix, so a storage
/// wipe and the Ethereum-root walk are prefix scans, and the Oasis root never needs a Keccak.
/// </summary>
public static class StateSchema
{
    public const byte AccountPrefix = 0x01;
    public const byte CodePrefix = 0x02;
    public const byte StoragePrefix = 0x03;
    public const byte ChainRecordPrefix = 0x04;

    public const int AccountKeyLength = 1 + Address.Size;
    public const int CodeKeyLength = 1 + Hash256.Size;
    public const int StoragePrefixLength = 1 + Address.Size;
    public const int StorageKeyLength = StoragePrefixLength + 32;

    /// <summary>The only account-value layout so far; a new layout gets a new number and readers keep old ones.</summary>
    public const byte AccountVersion1 = 0x01;

    /// <summary>Longest v1 account value: version, nonce length + 8, balance length + 32, code hash.</summary>
    public const int MaxAccountValueLength = 1 + 1 + 8 + 1 + 32 + Hash256.Size;

    // ---- keys -------------------------------------------------------------------------------------

    public static void WriteAccountKey(in Address address, Span<byte> key21)
    {
        key21[0] = AccountPrefix;
        address.Bytes.CopyTo(key21[1..]);
    }

    public static void WriteCodeKey(in Hash256 codeHash, Span<byte> key33)
    {
        key33[0] = CodePrefix;
        codeHash.Bytes.CopyTo(key33[1..]);
    }

    /// <summary>The prefix all of an account's slots share: <c>0x03 ‖ address</c>.</summary>
    public static void WriteStoragePrefix(in Address address, Span<byte> prefix21)
    {
        prefix21[0] = StoragePrefix;
        address.Bytes.CopyTo(prefix21[1..]);
    }

    public static void WriteStorageKey(in Address address, in UInt256 slot, Span<byte> key53)
    {
        WriteStoragePrefix(address, key53);
        slot.WriteBigEndian(key53.Slice(StoragePrefixLength, 32));
    }

    public static byte[] AccountKey(in Address address)
    {
        var key = new byte[AccountKeyLength];
        WriteAccountKey(address, key);
        return key;
    }

    public static byte[] CodeKey(in Hash256 codeHash)
    {
        var key = new byte[CodeKeyLength];
        WriteCodeKey(codeHash, key);
        return key;
    }

    public static byte[] StorageKey(in Address address, in UInt256 slot)
    {
        var key = new byte[StorageKeyLength];
        WriteStorageKey(address, slot, key);
        return key;
    }

    /// <summary>Splits a storage key into its address and slot; false if it is not one.</summary>
    public static bool TryParseStorageKey(ReadOnlySpan<byte> key, out Address address, out UInt256 slot)
    {
        if (key.Length != StorageKeyLength || key[0] != StoragePrefix)
        {
            address = default;
            slot = default;
            return false;
        }
        address = new Address(key.Slice(1, Address.Size));
        slot = UInt256.FromBigEndian(key.Slice(StoragePrefixLength, 32));
        return true;
    }

    // ---- account values -----------------------------------------------------------------------------

    /// <summary>
    /// v1: <c>0x01 ‖ n ‖ nonce[n] ‖ b ‖ balance[b] ‖ codeHash[32]?</c>, with nonce and balance big-endian without
    /// leading zero bytes (zero is length 0), and the code hash present only when the account has code. An
    /// account without code (most of them) is 3 to 45 bytes. One encoding per account, so equal states give
    /// equal roots. Returns the length written into <paramref name="destination"/> (at least
    /// <see cref="MaxAccountValueLength"/> bytes).
    /// </summary>
    public static int EncodeAccount(ulong nonce, in UInt256 balance, in Hash256 codeHash, Span<byte> destination)
    {
        destination[0] = AccountVersion1;
        int at = 1;
        int n = 8 - BitOperations.LeadingZeroCount(nonce) / 8;
        destination[at++] = (byte)n;
        Span<byte> word = stackalloc byte[32];
        BinaryPrimitives.WriteUInt64BigEndian(word, nonce);
        word.Slice(8 - n, n).CopyTo(destination[at..]);
        at += n;

        balance.WriteBigEndian(word);
        int b = 32 - LeadingZeroBytes(word);
        destination[at++] = (byte)b;
        word.Slice(32 - b, b).CopyTo(destination[at..]);
        at += b;

        if (codeHash != Hash256.EmptyCode)
        {
            codeHash.Bytes.CopyTo(destination[at..]);
            at += Hash256.Size;
        }
        return at;
    }

    public static byte[] EncodeAccount(ulong nonce, in UInt256 balance, in Hash256 codeHash)
    {
        Span<byte> buffer = stackalloc byte[MaxAccountValueLength];
        return buffer[..EncodeAccount(nonce, balance, codeHash, buffer)].ToArray();
    }

    /// <summary>Reads a v1 account value, rejecting anything but the one canonical encoding.</summary>
    public static bool TryDecodeAccount(ReadOnlySpan<byte> value, out ulong nonce, out UInt256 balance, out Hash256 codeHash)
    {
        nonce = 0;
        balance = default;
        codeHash = Hash256.EmptyCode;
        if (value.Length < 3 || value[0] != AccountVersion1) return false;
        int n = value[1];
        if (n > 8 || value.Length < 3 + n) return false;
        ReadOnlySpan<byte> nonceBytes = value.Slice(2, n);
        if (n > 0 && nonceBytes[0] == 0) return false;
        for (int i = 0; i < n; i++) nonce = nonce << 8 | nonceBytes[i];

        int at = 2 + n;
        int b = value[at++];
        if (b > 32 || value.Length < at + b) return false;
        ReadOnlySpan<byte> balanceBytes = value.Slice(at, b);
        if (b > 0 && balanceBytes[0] == 0) return false;
        balance = UInt256.FromBigEndian(balanceBytes);
        at += b;

        int rest = value.Length - at;
        if (rest == 0) return true;
        if (rest != Hash256.Size) return false;
        codeHash = new Hash256(value[at..]);
        return codeHash != Hash256.EmptyCode; // an empty-code hash is written by leaving it out
    }

    public static void DecodeAccount(ReadOnlySpan<byte> value, out ulong nonce, out UInt256 balance, out Hash256 codeHash)
    {
        if (!TryDecodeAccount(value, out nonce, out balance, out codeHash)) ThrowCorrupt("account", value);
    }

    // ---- storage values -----------------------------------------------------------------------------

    /// <summary>A non-zero slot value as big-endian bytes without leading zeros (1..32 bytes); returns the length.</summary>
    public static int EncodeStorageValue(in UInt256 value, Span<byte> destination32)
    {
        if (value.IsZero) ThrowZeroSlot();
        Span<byte> word = stackalloc byte[32];
        value.WriteBigEndian(word);
        int skip = LeadingZeroBytes(word);
        word[skip..].CopyTo(destination32);
        return 32 - skip;
    }

    public static byte[] EncodeStorageValue(in UInt256 value)
    {
        Span<byte> buffer = stackalloc byte[32];
        return buffer[..EncodeStorageValue(value, buffer)].ToArray();
    }

    public static bool TryDecodeStorageValue(ReadOnlySpan<byte> value, out UInt256 result)
    {
        result = default;
        if (value.Length is 0 or > 32 || value[0] == 0) return false;
        result = UInt256.FromBigEndian(value);
        return true;
    }

    public static UInt256 DecodeStorageValue(ReadOnlySpan<byte> value)
    {
        if (!TryDecodeStorageValue(value, out UInt256 result)) ThrowCorrupt("storage", value);
        return result;
    }

    private static int LeadingZeroBytes(ReadOnlySpan<byte> word)
    {
        int i = 0;
        while (i < word.Length && word[i] == 0) i++;
        return i;
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowCorrupt(string what, ReadOnlySpan<byte> value) =>
        throw new InvalidDataException($"Malformed {what} value in the MKVS state: 0x{Hex.Encode(value)}.");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowZeroSlot() =>
        throw new ArgumentException("A zero slot is stored as an absent key, not as a value.");
}
