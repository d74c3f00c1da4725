using NUnit.Framework;
using OasisEth.Evm.Precompiles.Bls12381;
using OasisEth.Evm.Precompiles.Kzg;
using OasisEth.Primitives;

namespace OasisEth.Evm.Precompiles.Tests.Bls12381;

/// <summary>Input validation rules of EIP-2537 that the vectors cover thinly, plus prices and the never-throw rule.</summary>
public class Bls12381PrecompileTests
{
    private static byte[] Encode(in JacobianPoint<Fp> p)
    {
        byte[] b = new byte[128];
        G1.Encode(p, b);
        return b;
    }

    private static byte[] Encode(in JacobianPoint<Fp2> p)
    {
        byte[] b = new byte[256];
        G2.Encode(p, b);
        return b;
    }

    private static byte[] Scalar(long v)
    {
        byte[] s = new byte[32];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(s.AsSpan(24), v);
        return s;
    }

    [Test]
    public void AddAcceptsPointsOutsideTheSubgroupButMsmAndPairingRejectThem()
    {
        JacobianPoint<Fp> p1 = CurveTests.G1CurvePoints().First(p => !G1.IsInSubgroup(p));
        JacobianPoint<Fp2> p2 = CurveTests.G2CurvePoints().First(p => !G2.IsInSubgroup(p));
        byte[] e1 = Encode(p1), e2 = Encode(p2);

        Assert.That(Bls12G1AddPrecompile.Instance.Run([.. e1, .. e1], Fork.Prague).Success, Is.True);
        Assert.That(Bls12G2AddPrecompile.Instance.Run([.. e2, .. e2], Fork.Prague).Success, Is.True);
        Assert.That(Bls12G1MsmPrecompile.Instance.Run([.. e1, .. Scalar(1)], Fork.Prague).Success, Is.False);
        Assert.That(Bls12G1MsmPrecompile.Instance.Run([.. e1, .. Scalar(0)], Fork.Prague).Success, Is.False, "checked even with a zero scalar");
        Assert.That(Bls12G2MsmPrecompile.Instance.Run([.. e2, .. Scalar(1)], Fork.Prague).Success, Is.False);
        Assert.That(Bls12PairingPrecompile.Instance.Run([.. e1, .. Encode(G2.Generator)], Fork.Prague).Success, Is.False);
        Assert.That(Bls12PairingPrecompile.Instance.Run([.. Encode(G1.Generator), .. e2], Fork.Prague).Success, Is.False);
        Assert.That(Bls12PairingPrecompile.Instance.Run([.. new byte[128], .. e2], Fork.Prague).Success, Is.False, "checked even beside infinity");
    }

    [Test]
    public void EncodingRulesAreEnforced()
    {
        byte[] g = Encode(G1.Generator);
        Assert.That(Bls12G1AddPrecompile.Instance.Run([.. g, .. g], Fork.Prague).Success, Is.True, "baseline");

        byte[] padding = (byte[])g.Clone();
        padding[0] = 1; // top 16 bytes of x must be zero
        Assert.That(Bls12G1AddPrecompile.Instance.Run([.. padding, .. g], Fork.Prague).Success, Is.False);

        byte[] notOnCurve = (byte[])g.Clone();
        notOnCurve[127] ^= 1;
        Assert.That(Bls12G1AddPrecompile.Instance.Run([.. g, .. notOnCurve], Fork.Prague).Success, Is.False);

        byte[] fieldP = new byte[64];
        Hex.Decode("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab").CopyTo(fieldP, 16);
        Assert.That(Bls12MapFpToG1Precompile.Instance.Run(fieldP, Fork.Prague).Success, Is.False, "u = p");
        fieldP[63]--;
        Assert.That(Bls12MapFpToG1Precompile.Instance.Run(fieldP, Fork.Prague).Success, Is.True, "u = p - 1");

        Assert.That(Bls12G1MsmPrecompile.Instance.Run([], Fork.Prague).Success, Is.False, "empty MSM");
        Assert.That(Bls12G2MsmPrecompile.Instance.Run([], Fork.Prague).Success, Is.False, "empty MSM");
        Assert.That(Bls12PairingPrecompile.Instance.Run([], Fork.Prague).Success, Is.False, "empty pairing");
        Assert.That(Bls12G1MsmPrecompile.Instance.Run([.. g, .. Scalar(1), 0], Fork.Prague).Success, Is.False, "ragged MSM");
    }

    [Test]
    public void InfinityIsAllZeroBytesInAndOut()
    {
        byte[] g = Encode(G1.Generator);
        byte[] neg = Encode(JacobianPoint<Fp>.Negate(G1.Generator));
        PrecompileResult sum = Bls12G1AddPrecompile.Instance.Run([.. g, .. neg], Fork.Prague);
        Assert.That(sum.Success && sum.Output.Length == 128 && sum.Output.AsSpan().IndexOfAnyExcept((byte)0) < 0, Is.True);
        PrecompileResult same = Bls12G1AddPrecompile.Instance.Run([.. new byte[128], .. g], Fork.Prague);
        Assert.That(same.Output, Is.EqualTo(g));
        PrecompileResult pairing = Bls12PairingPrecompile.Instance.Run([.. new byte[128], .. Encode(G2.Generator)], Fork.Prague);
        Assert.That(pairing.Success && pairing.Output[31] == 1, Is.True, "a pair with infinity contributes 1");
    }

    [Test]
    public void PricesFollowFinalEip2537()
    {
        Assert.That(Bls12G1AddPrecompile.Instance.RequiredGas(new byte[256], Fork.Prague), Is.EqualTo(375));
        Assert.That(Bls12G2AddPrecompile.Instance.RequiredGas(new byte[512], Fork.Prague), Is.EqualTo(600));
        Assert.That(Bls12MapFpToG1Precompile.Instance.RequiredGas(new byte[64], Fork.Prague), Is.EqualTo(5500));
        Assert.That(Bls12MapFp2ToG2Precompile.Instance.RequiredGas(new byte[128], Fork.Prague), Is.EqualTo(23800));
        Assert.That(Bls12PairingPrecompile.Instance.RequiredGas(new byte[2 * 384], Fork.Prague), Is.EqualTo(37700 + 2 * 32600));
        Assert.That(Bls12G1MsmPrecompile.Instance.RequiredGas([], Fork.Prague), Is.EqualTo(0));
        Assert.That(Bls12G1MsmPrecompile.Instance.RequiredGas(new byte[2 * 160], Fork.Prague), Is.EqualTo(2 * 12000 * 949 / 1000));
        Assert.That(Bls12G1MsmPrecompile.Instance.RequiredGas(new byte[200 * 160], Fork.Prague), Is.EqualTo(200L * 12000 * 519 / 1000));
        Assert.That(Bls12G2MsmPrecompile.Instance.RequiredGas(new byte[2 * 288], Fork.Prague), Is.EqualTo(45000));
        Assert.That(Bls12G2MsmPrecompile.Instance.RequiredGas(new byte[300 * 288], Fork.Prague), Is.EqualTo(300L * 22500 * 524 / 1000));
        Assert.That(PointEvaluationPrecompile.Instance.RequiredGas(new byte[192], Fork.Cancun), Is.EqualTo(50000));
    }

    [Test]
    public void RandomInputsNeverThrow()
    {
        IPrecompile[] all =
        [
            Bls12G1AddPrecompile.Instance, Bls12G1MsmPrecompile.Instance, Bls12G2AddPrecompile.Instance,
            Bls12G2MsmPrecompile.Instance, Bls12PairingPrecompile.Instance, Bls12MapFpToG1Precompile.Instance,
            Bls12MapFp2ToG2Precompile.Instance, PointEvaluationPrecompile.Instance,
        ];
        int[] lengths = [0, 1, 64, 128, 160, 192, 256, 288, 384, 512];
        var rng = new Random(4844);
        foreach (IPrecompile p in all)
        {
            foreach (int length in lengths)
            {
                byte[] input = CurveTests.RandomBytes(rng, length);
                // Zero the padding so some inputs get past the encoding checks and reach the curve checks.
                for (int i = 0; i + 64 <= length; i += 64) input.AsSpan(i, 16).Clear();
                Assert.DoesNotThrow(() => p.Run(input, Fork.Prague), $"{p.GetType().Name} len {length}");
            }
        }
    }
}
