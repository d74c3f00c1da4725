using NBitcoin.Secp256k1;
using OasisEth.Transactions;
using OasisEth.Primitives;

namespace OasisEth.Tests.Shared;

/// <summary>Fixed secp256k1 test keys (index → key) and a signer for every transaction type the chain takes.</summary>
internal static class TestAccounts
{
    /// <summary>The test chains' id (the dev node's).</summary>
    public const ulong ChainId = 31337;

    public static byte[] Key(int index)
    {
        var key = new byte[32];
        key[0] = 0x11;
        key[30] = (byte)(index >> 8);
        key[31] = (byte)(index + 1);
        return key;
    }

    private static readonly Dictionary<int, Address> Addresses = [];

    public static Address Address(int index)
    {
        lock (Addresses)
        {
            if (Addresses.TryGetValue(index, out Address cached)) return cached;
            Assert.That(ECPrivKey.TryCreate(Key(index), out ECPrivKey? priv), Is.True);
            using (priv)
            {
                Span<byte> pub = stackalloc byte[65];
                priv!.CreatePubKey().WriteToSpan(false, pub, out _);
                Address address = Primitives.Address.FromHash(Keccak.Compute(pub[1..]));
                Addresses[index] = address;
                return address;
            }
        }
    }

    /// <summary>Signs the transaction's fields with <paramref name="key"/> and returns the wire bytes.</summary>
    public static byte[] Sign(Transaction unsigned, byte[] key)
    {
        Hash256 digest = TransactionEncoder.ComputeSigningHash(unsigned);
        Assert.That(ECPrivKey.TryCreate(key, out ECPrivKey? priv), Is.True);
        UInt256 r, s;
        int id;
        using (priv)
        {
            Assert.That(priv!.TrySignRecoverable(digest.Bytes, out SecpRecoverableECDSASignature? signature), Is.True);
            Span<byte> compact = stackalloc byte[64];
            signature!.WriteToSpanCompact(compact, out id);
            r = UInt256.FromBigEndian(compact[..32]);
            s = UInt256.FromBigEndian(compact[32..]);
        }
        UInt256 v = unsigned.Type != TxType.Legacy ? (ulong)id
            : unsigned.ChainId.IsZero ? 27UL + (ulong)id
            : unsigned.ChainId + unsigned.ChainId + (35UL + (ulong)id);
        var signed = new Transaction
        {
            Type = unsigned.Type, Nonce = unsigned.Nonce, GasPrice = unsigned.GasPrice, MaxFeePerGas = unsigned.MaxFeePerGas,
            MaxPriorityFeePerGas = unsigned.MaxPriorityFeePerGas, GasLimit = unsigned.GasLimit, To = unsigned.To,
            Value = unsigned.Value, Data = unsigned.Data, AccessList = unsigned.AccessList,
            MaxFeePerBlobGas = unsigned.MaxFeePerBlobGas, BlobVersionedHashes = unsigned.BlobVersionedHashes,
            AuthorizationList = unsigned.AuthorizationList, ChainId = unsigned.ChainId, V = v, R = r, S = s,
        };
        return TransactionEncoder.Encode(signed);
    }

    /// <summary>An EIP-1559 transaction from account <paramref name="from"/>.</summary>
    public static byte[] Tx(int from, ulong nonce, Address? to, UInt256 value, byte[]? data = null, ulong gas = 21_000,
        ulong maxFee = 10_000_000_000, ulong tip = 1_000_000_000, ulong chainId = ChainId) =>
        Sign(new Transaction
        {
            Type = TxType.DynamicFee, ChainId = chainId, Nonce = nonce, MaxFeePerGas = maxFee, MaxPriorityFeePerGas = tip,
            GasLimit = gas, To = to, Value = value, Data = data ?? [],
        }, Key(from));

    /// <summary>A legacy transaction (EIP-155 when <paramref name="chainId"/> is non-zero).</summary>
    public static byte[] Legacy(int from, ulong nonce, Address? to, UInt256 value, ulong gasPrice = 2_000_000_000,
        ulong gas = 21_000, ulong chainId = ChainId, byte[]? data = null) =>
        Sign(new Transaction
        {
            Type = TxType.Legacy, ChainId = chainId, Nonce = nonce, GasPrice = gasPrice, GasLimit = gas, To = to,
            Value = value, Data = data ?? [],
        }, Key(from));
}
