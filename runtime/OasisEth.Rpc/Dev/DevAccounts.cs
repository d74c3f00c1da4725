using NBitcoin.Secp256k1;
using OasisEth.Transactions;
using OasisEth.Primitives;

namespace OasisEth.Rpc;

/// <summary>The dev keys: their addresses (eth_accounts, in the order given) and signing for eth_sendTransaction.</summary>
internal sealed class DevAccounts
{
    private readonly HashSet<Address> _known;
    private readonly Lazy<Dictionary<Address, ECPrivKey>> _keys;

    /// <param name="privateKeys">32-byte secp256k1 keys.</param>
    /// <param name="addresses">Their addresses, in the same order, when the caller knows them (the dev node's
    /// written-out defaults): then no key is turned into a point at start, which costs ~100 ms of cold secp256k1 code
    /// (its multiplication tables) before the server could listen; the keys are read at the first signature. null =
    /// computed here.</param>
    public DevAccounts(IReadOnlyList<byte[]> privateKeys, IReadOnlyList<Address>? addresses = null)
    {
        foreach (byte[] key in privateKeys)
            if (key.Length != 32) throw new ArgumentException("a dev private key must be 32 bytes and a valid secp256k1 scalar");
        if (addresses is not null && addresses.Count != privateKeys.Count)
            throw new ArgumentException("one address per dev private key", nameof(addresses));
        byte[][] copy = [.. privateKeys];
        if (addresses is null)
        {
            Dictionary<Address, ECPrivKey> keys = Parse(copy, null, out List<Address> order);
            _keys = new Lazy<Dictionary<Address, ECPrivKey>>(keys);
            Addresses = order;
        }
        else
        {
            var order = new List<Address>(addresses.Count);
            var seen = new HashSet<Address>();
            foreach (Address a in addresses) if (seen.Add(a)) order.Add(a);
            Addresses = order;
            Address[] given = [.. addresses];
            _keys = new Lazy<Dictionary<Address, ECPrivKey>>(() => Parse(copy, given, out _), LazyThreadSafetyMode.ExecutionAndPublication);
        }
        _known = [.. Addresses];
    }

    private static Dictionary<Address, ECPrivKey> Parse(byte[][] privateKeys, Address[]? expected, out List<Address> order)
    {
        var keys = new Dictionary<Address, ECPrivKey>();
        order = new List<Address>(privateKeys.Length);
        for (int i = 0; i < privateKeys.Length; i++)
        {
            if (!Context.Instance.TryCreateECPrivKey(privateKeys[i], out ECPrivKey? priv) || priv is null)
                throw new ArgumentException("a dev private key must be 32 bytes and a valid secp256k1 scalar");
            Address address = AddressOf(priv);
            if (expected is not null && address != expected[i])
                throw new InvalidOperationException($"dev key {i} is not the key of {expected[i]}");
            if (keys.TryAdd(address, priv)) order.Add(address);
        }
        return keys;
    }

    public IReadOnlyList<Address> Addresses { get; }

    public bool Has(in Address address) => _known.Contains(address);

    public static Address AddressOf(ECPrivKey key)
    {
        Span<byte> uncompressed = stackalloc byte[65];
        key.CreatePubKey().WriteToSpan(false, uncompressed, out _);
        return Address.FromHash(Keccak.Compute(uncompressed[1..]));
    }

    /// <summary>A 65-byte r ‖ s ‖ v signature of <paramref name="digest"/> with v = 27 + recovery id (eth_sign's form).</summary>
    public byte[] SignDigest(in Address from, in Hash256 digest)
    {
        if (!_keys.Value[from].TrySignRecoverable(digest.Bytes, out SecpRecoverableECDSASignature? signature) || signature is null)
            throw new InvalidOperationException("signing failed");
        var result = new byte[65];
        signature.WriteToSpanCompact(result.AsSpan(0, 64), out int recoveryId);
        result[64] = (byte)(27 + recoveryId);
        return result;
    }

    /// <summary>Signs <paramref name="unsigned"/> (its fields, chain id included) and returns the raw transaction.</summary>
    public byte[] Sign(Transaction unsigned, in Address from)
    {
        ECPrivKey key = _keys.Value[from];
        Hash256 digest = TransactionEncoder.ComputeSigningHash(unsigned);
        if (!key.TrySignRecoverable(digest.Bytes, out SecpRecoverableECDSASignature? signature) || signature is null)
            throw new InvalidOperationException("signing failed");
        Span<byte> compact = stackalloc byte[64];
        signature.WriteToSpanCompact(compact, out int recoveryId);
        UInt256 v = unsigned.Type != TxType.Legacy ? (ulong)recoveryId
            : unsigned.ChainId.IsZero ? (ulong)(27 + recoveryId)
            : unsigned.ChainId * 2 + (ulong)(35 + recoveryId);
        Transaction signed = unsigned.WithSignature(v, UInt256.FromBigEndian(compact[..32]), UInt256.FromBigEndian(compact[32..]));
        return TransactionEncoder.Encode(signed);
    }
}
