using BenchmarkDotNet.Attributes;
using NBitcoin.Secp256k1;
using OasisEth.Evm.Precompiles;
using OasisEth.Transactions;
using OasisEth.Primitives;

namespace OasisEth.Bench.Signatures;

/// <summary>
/// Per-call secp256k1 public-key recovery to an address (recovery + Keccak), the executor's and JSON-RPC
/// admission's bottleneck: the managed recovery (<see cref="ManagedSecp256k1"/>, BouncyCastle, the runtime's default) against
/// native libsecp256k1 (<see cref="NativeSecp256k1"/>, the dev node's), and the ECRECOVER precompile on the
/// default (plus its input checks and 32-byte output). Each operation cycles over 16 fixed-seed signatures; every signature is
/// checked in <see cref="Setup"/> against the signing key's address, so a fast wrong answer cannot win.
/// </summary>
[MemoryDiagnoser]
public class SignerRecoveryBenchmarks
{
    private const int Count = 16;
    private readonly Hash256[] _digests = new Hash256[Count];
    private readonly UInt256[] _r = new UInt256[Count];
    private readonly UInt256[] _s = new UInt256[Count];
    private readonly int[] _ids = new int[Count];
    private readonly byte[][] _precompileInputs = new byte[Count][];
    private readonly Address[] _signers = new Address[Count];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2026);
        Span<byte> key = stackalloc byte[32], hash = stackalloc byte[32], compact = stackalloc byte[64], pub = stackalloc byte[65];
        for (int i = 0; i < Count; i++)
        {
            random.NextBytes(key);
            random.NextBytes(hash);
            if (!ECPrivKey.TryCreate(key, out ECPrivKey? priv)) throw new InvalidOperationException("bad key");
            using (priv)
            {
                if (!priv.TrySignRecoverable(hash, out SecpRecoverableECDSASignature? signature)) throw new InvalidOperationException("sign failed");
                signature!.WriteToSpanCompact(compact, out _ids[i]);
                priv.CreatePubKey().WriteToSpan(false, pub, out _);
            }
            _signers[i] = Address.FromHash(Keccak.Compute(pub[1..]));
            _digests[i] = new Hash256(hash);
            _r[i] = UInt256.FromBigEndian(compact[..32]);
            _s[i] = UInt256.FromBigEndian(compact[32..]);
            byte[] input = new byte[128];
            hash.CopyTo(input);
            input[63] = (byte)(27 + _ids[i]);
            compact.CopyTo(input.AsSpan(64));
            _precompileInputs[i] = input;

            if (!Managed(i, out Address managed) || managed != _signers[i]) throw new InvalidOperationException($"managed #{i} wrong");
            if (!Recover(i, native: true, out Address native) || native != _signers[i])
                throw new InvalidOperationException($"native #{i} wrong");
            if (!SignerRecovery.TryRecover(_digests[i], _r[i], _s[i], _ids[i], out Address chosen) || chosen != _signers[i])
                throw new InvalidOperationException($"SignerRecovery #{i} wrong");
            PrecompileResult result = EcRecoverPrecompile.Instance.Run(input, Fork.Prague);
            if (!result.Success || !result.Output.AsSpan(12).SequenceEqual(_signers[i].Bytes)) throw new InvalidOperationException($"precompile #{i} wrong");
        }
    }

    private bool Managed(int i, out Address signer) => Recover(i, native: false, out signer);

    private bool Recover(int i, bool native, out Address signer)
    {
        Span<byte> compact = stackalloc byte[64], key = stackalloc byte[64];
        _r[i].WriteBigEndian(compact);
        _s[i].WriteBigEndian(compact[32..]);
        bool ok = native
            ? NativeSecp256k1.TryRecover(_digests[i].Bytes, compact, _ids[i], key)
            : ManagedSecp256k1.TryRecover(_digests[i].Bytes, compact, _ids[i], key);
        signer = ok ? Address.FromHash(Keccak.Compute(key)) : default;
        return ok;
    }

    /// <summary>The managed recovery (BouncyCastle curve arithmetic): what the sandboxed runtime runs (<see cref="NativeCrypto"/> off).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public int ManagedBouncyCastle()
    {
        int ok = 0;
        for (int i = 0; i < Count; i++)
            if (Recover(i, native: false, out _)) ok++;
        return ok;
    }

    /// <summary>Native libsecp256k1: what the dev node runs (<see cref="NativeCrypto.Enable"/>).</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public int NativeLibsecp256k1()
    {
        int ok = 0;
        for (int i = 0; i < Count; i++)
            if (Recover(i, native: true, out _)) ok++;
        return ok;
    }

    /// <summary>The ECRECOVER precompile on the process default (managed), with its input checks and output.</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public int EcRecoverPrecompileDefault()
    {
        int ok = 0;
        for (int i = 0; i < Count; i++)
            if (EcRecoverPrecompile.Instance.Run(_precompileInputs[i], Fork.Prague).Output.Length != 0) ok++;
        return ok;
    }
}
