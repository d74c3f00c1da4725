using NBitcoin.Secp256k1;
using OasisEth.Primitives;

namespace OasisEth.Transactions.Tests;

/// <summary>
/// The two secp256k1 backends side by side (the runtime's managed one and the dev node's native one): on signatures
/// made by NBitcoin both recover the signer's key, and on arbitrary r, s, id and digest both give the same verdict
/// and the same key. Calls each backend directly, so the process-wide <see cref="NativeCrypto"/> switch is untouched.
/// </summary>
public class ManagedNativeRecoveryTests
{
    [Test]
    public void Both_backends_recover_the_signing_key()
    {
        var random = new Random(7_12);
        Span<byte> key = stackalloc byte[32], hash = stackalloc byte[32], compact = stackalloc byte[64], expected = stackalloc byte[65];
        Span<byte> managed = stackalloc byte[64], native = stackalloc byte[64];
        for (int i = 0; i < 200; i++)
        {
            random.NextBytes(key);
            random.NextBytes(hash);
            if (!ECPrivKey.TryCreate(key, out ECPrivKey? priv)) continue;
            using (priv)
            {
                Assert.That(priv.TrySignRecoverable(hash, out SecpRecoverableECDSASignature? signature), Is.True);
                signature!.WriteToSpanCompact(compact, out int id);
                priv.CreatePubKey().WriteToSpan(false, expected, out _);
                Assert.That(ManagedSecp256k1.TryRecover(hash, compact, id, managed), Is.True, $"managed #{i}");
                Assert.That(NativeSecp256k1.TryRecover(hash, compact, id, native), Is.True, $"native #{i}");
                Assert.That(managed.ToArray(), Is.EqualTo(expected[1..].ToArray()), $"managed key #{i}");
                Assert.That(native.ToArray(), Is.EqualTo(expected[1..].ToArray()), $"native key #{i}");
            }
        }
    }

    [Test]
    public void Both_backends_agree_on_arbitrary_inputs()
    {
        var random = new Random(12_7);
        Span<byte> hash = stackalloc byte[32], rs = stackalloc byte[64], managed = stackalloc byte[64], native = stackalloc byte[64];
        int accepted = 0;
        for (int i = 0; i < 2_000; i++)
        {
            random.NextBytes(hash);
            random.NextBytes(rs);
            // Mix in the edges: zero, n - 1, n, all ones, small values, r just under and over p - n.
            switch (i % 8)
            {
                case 1: rs[..32].Clear(); break;
                case 2: rs[32..].Fill(0xFF); break;
                case 3: rs[..31].Clear(); break;
                case 4: Convert.FromHexString("000000000000000000000000000000014551231950B75FC4402DA1722FC9BAED").CopyTo(rs); break;
                case 5: Convert.FromHexString("000000000000000000000000000000014551231950B75FC4402DA1722FC9BAEE").CopyTo(rs); break;
                case 6: Convert.FromHexString("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364140").CopyTo(rs); break;
            }
            int id = i % 4;
            bool m = ManagedSecp256k1.TryRecover(hash, rs, id, managed);
            bool n = NativeSecp256k1.TryRecover(hash, rs, id, native);
            Assert.That(m, Is.EqualTo(n), $"verdict #{i} id {id} rs {Convert.ToHexString(rs)}");
            if (m)
            {
                accepted++;
                Assert.That(managed.ToArray(), Is.EqualTo(native.ToArray()), $"key #{i}");
            }
        }
        Assert.That(accepted, Is.GreaterThan(300), "most random r are x coordinates of a point: both paths get exercised");
    }
}
