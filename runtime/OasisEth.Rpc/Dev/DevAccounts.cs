using NBitcoin.Secp256k1;
using OasisEth.Transactions;
using OasisEth.Primitives;

namespace OasisEth.Rpc;

/// <summary>The dev keys: their addresses (eth_accounts, in the order given) and signing for eth_sendTransaction.</summary>
internal sealed class DevAccounts
{
    private readonly Dictionary<Address, ECPrivKey> _keys = [];

    public DevAccounts(IReadOnlyList<byte[]> privateKeys)
    {
        var addresses = new List<Address>(privateKeys.Count);
        foreach (byte[] key in privateKeys)
        {
            if (key.Length != 32 || !Context.Instance.TryCreateECPrivKey(key, out ECPrivKey? priv) || priv is null)
                throw new ArgumentException("a dev private key must be 32 bytes and a valid secp256k1 scalar");
            Address address = AddressOf(priv);
            if (_keys.TryAdd(address, priv)) addresses.Add(address);
        }
        Addresses = addresses;
    }

    public IReadOnlyList<Address> Addresses { get; }

    public bool Has(in Address address) => _keys.ContainsKey(address);

    public static Address AddressOf(ECPrivKey key)
    {
        Span<byte> uncompressed = stackalloc byte[65];
        key.CreatePubKey().WriteToSpan(false, uncompressed, out _);
        return Address.FromHash(Keccak.Compute(uncompressed[1..]));
    }

    /// <summary>A 65-byte r ‖ s ‖ v signature of <paramref name="digest"/> with v = 27 + recovery id (eth_sign's form).</summary>
    public byte[] SignDigest(in Address from, in Hash256 digest)
    {
        if (!_keys[from].TrySignRecoverable(digest.Bytes, out SecpRecoverableECDSASignature? signature) || signature is null)
            throw new InvalidOperationException("signing failed");
        var result = new byte[65];
        signature.WriteToSpanCompact(result.AsSpan(0, 64), out int recoveryId);
        result[64] = (byte)(27 + recoveryId);
        return result;
    }

    /// <summary>Signs <paramref name="unsigned"/> (its fields, chain id included) and returns the raw transaction.</summary>
    public byte[] Sign(Transaction unsigned, in Address from)
    {
        ECPrivKey key = _keys[from];
        Hash256 digest = TransactionEncoder.ComputeSigningHash(unsigned);
        if (!key.TrySignRecoverable(digest.Bytes, out SecpRecoverableECDSASignature? signature) || signature is null)
            throw new InvalidOperationException("signing failed");
        Span<byte> compact = stackalloc byte[64];
        signature.WriteToSpanCompact(compact, out int recoveryId);
        UInt256 v = unsigned.Type != TxType.Legacy ? (ulong)recoveryId
            : unsigned.ChainId.IsZero ? (ulong)(27 + recoveryId)
            : unsigned.ChainId * 2 + (ulong)(35 + recoveryId);
        var signed = new Transaction
        {
            Type = unsigned.Type,
            ChainId = unsigned.ChainId,
            Nonce = unsigned.Nonce,
            GasPrice = unsigned.GasPrice,
            MaxFeePerGas = unsigned.MaxFeePerGas,
            MaxPriorityFeePerGas = unsigned.MaxPriorityFeePerGas,
            GasLimit = unsigned.GasLimit,
            To = unsigned.To,
            Value = unsigned.Value,
            Data = unsigned.Data,
            AccessList = unsigned.AccessList,
            AuthorizationList = unsigned.AuthorizationList,
            V = v,
            R = UInt256.FromBigEndian(compact[..32]),
            S = UInt256.FromBigEndian(compact[32..]),
        };
        return TransactionEncoder.Encode(signed);
    }
}
