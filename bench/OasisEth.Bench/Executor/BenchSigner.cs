using NBitcoin.Secp256k1;
using OasisEth.Transactions;
using OasisEth.Primitives;

namespace OasisEth.Bench.Executor;

/// <summary>Fixed keys and EIP-1559 signing for the executor benchmarks (outside the timed part).</summary>
internal static class BenchSigner
{
    public static byte[] Key(int index)
    {
        var key = new byte[32];
        key[0] = 0x22;
        key[30] = (byte)(index >> 8);
        key[31] = (byte)(index + 1);
        return key;
    }

    public static Address AddressOf(int index)
    {
        if (!ECPrivKey.TryCreate(Key(index), out ECPrivKey? priv)) throw new InvalidOperationException("bad key");
        using (priv)
        {
            Span<byte> pub = stackalloc byte[65];
            priv.CreatePubKey().WriteToSpan(false, pub, out _);
            return Address.FromHash(Keccak.Compute(pub[1..]));
        }
    }

    public static byte[] Sign(int from, ulong chainId, ulong nonce, Address? to, byte[] data, ulong gas)
    {
        var tx = new Transaction
        {
            Type = TxType.DynamicFee, ChainId = chainId, Nonce = nonce, MaxFeePerGas = 10_000_000_000,
            MaxPriorityFeePerGas = 1_000_000_000, GasLimit = gas, To = to, Data = data,
        };
        Hash256 digest = TransactionEncoder.ComputeSigningHash(tx);
        if (!ECPrivKey.TryCreate(Key(from), out ECPrivKey? priv)) throw new InvalidOperationException("bad key");
        using (priv)
        {
            if (!priv.TrySignRecoverable(digest.Bytes, out SecpRecoverableECDSASignature? signature) || signature is null)
                throw new InvalidOperationException("signing failed");
            Span<byte> compact = stackalloc byte[64];
            signature.WriteToSpanCompact(compact, out int id);
            var signed = new Transaction
            {
                Type = tx.Type, ChainId = tx.ChainId, Nonce = tx.Nonce, MaxFeePerGas = tx.MaxFeePerGas,
                MaxPriorityFeePerGas = tx.MaxPriorityFeePerGas, GasLimit = tx.GasLimit, To = tx.To, Data = tx.Data,
                V = (ulong)id, R = UInt256.FromBigEndian(compact[..32]), S = UInt256.FromBigEndian(compact[32..]),
            };
            return TransactionEncoder.Encode(signed);
        }
    }
}
