using NUnit.Framework;
using OasisEth.Primitives;

namespace OasisEth.Evm.Precompiles.Tests;

public class PrecompileSetTests
{
    private static Address At(int n) => Address.FromLowUlong((ulong)n);

    [TestCase(Fork.Frontier, 4)]
    [TestCase(Fork.Homestead, 4)]
    [TestCase(Fork.SpuriousDragon, 4)]
    [TestCase(Fork.Byzantium, 8)]
    [TestCase(Fork.Petersburg, 8)]
    [TestCase(Fork.Istanbul, 9)]
    [TestCase(Fork.Berlin, 9)]
    [TestCase(Fork.Shanghai, 9)]
    [TestCase(Fork.Cancun, 10)]
    [TestCase(Fork.Prague, 17)]
    public void ActiveAddressesAreOneToNInOrder(Fork fork, int count)
    {
        IReadOnlyList<Address> addresses = PrecompileSet.Addresses(fork);
        Assert.That(addresses, Has.Count.EqualTo(count));
        for (int i = 0; i < count; i++)
        {
            Assert.That(addresses[i], Is.EqualTo(At(i + 1)));
            Assert.That(PrecompileSet.IsPrecompile(addresses[i], fork), Is.True);
        }
        Assert.That(PrecompileSet.IsPrecompile(At(count + 1), fork), Is.False, "the next address is not active yet");
    }

    [Test]
    public void ActivationForks()
    {
        Assert.That(PrecompileSet.IsPrecompile(At(5), Fork.SpuriousDragon), Is.False);
        Assert.That(PrecompileSet.IsPrecompile(At(5), Fork.Byzantium), Is.True);
        Assert.That(PrecompileSet.IsPrecompile(At(9), Fork.Petersburg), Is.False);
        Assert.That(PrecompileSet.IsPrecompile(At(9), Fork.Istanbul), Is.True);
        Assert.That(PrecompileSet.IsPrecompile(At(0x0a), Fork.Shanghai), Is.False);
        Assert.That(PrecompileSet.IsPrecompile(At(0x0a), Fork.Cancun), Is.True);
        Assert.That(PrecompileSet.IsPrecompile(At(0x11), Fork.Cancun), Is.False);
        Assert.That(PrecompileSet.IsPrecompile(At(0x11), Fork.Prague), Is.True);
    }

    [Test]
    public void OtherAddressesAreNotPrecompiles()
    {
        Assert.That(PrecompileSet.IsPrecompile(Address.Zero, Fork.Prague), Is.False);
        Assert.That(PrecompileSet.IsPrecompile(At(0x12), Fork.Prague), Is.False);
        Assert.That(PrecompileSet.IsPrecompile(At(0x101), Fork.Prague), Is.False);
        Assert.That(PrecompileSet.IsPrecompile(Address.Parse("0x1000000000000000000000000000000000000001"), Fork.Prague), Is.False);
        Assert.That(PrecompileSet.TryGet(At(0x12), Fork.Prague, out IPrecompile? none), Is.False);
        Assert.That(none, Is.Null);
    }

    [Test]
    public void AddressesMapToTheirContracts()
    {
        Assert.That(Get(1), Is.SameAs(EcRecoverPrecompile.Instance));
        Assert.That(Get(2), Is.SameAs(Sha256Precompile.Instance));
        Assert.That(Get(3), Is.SameAs(Ripemd160Precompile.Instance));
        Assert.That(Get(4), Is.SameAs(IdentityPrecompile.Instance));
        Assert.That(Get(5), Is.SameAs(ModExpPrecompile.Instance));
        Assert.That(Get(6), Is.SameAs(global::OasisEth.Evm.Precompiles.Bn254.EcAddPrecompile.Instance));
        Assert.That(Get(7), Is.SameAs(global::OasisEth.Evm.Precompiles.Bn254.EcMulPrecompile.Instance));
        Assert.That(Get(8), Is.SameAs(global::OasisEth.Evm.Precompiles.Bn254.EcPairingPrecompile.Instance));
        Assert.That(Get(9), Is.SameAs(Blake2FPrecompile.Instance));
        Assert.That(Get(0x0a), Is.SameAs(global::OasisEth.Evm.Precompiles.Kzg.PointEvaluationPrecompile.Instance));
        Assert.That(Get(0x0b), Is.SameAs(global::OasisEth.Evm.Precompiles.Bls12381.Bls12G1AddPrecompile.Instance));
        Assert.That(Get(0x0c), Is.SameAs(global::OasisEth.Evm.Precompiles.Bls12381.Bls12G1MsmPrecompile.Instance));
        Assert.That(Get(0x0d), Is.SameAs(global::OasisEth.Evm.Precompiles.Bls12381.Bls12G2AddPrecompile.Instance));
        Assert.That(Get(0x0e), Is.SameAs(global::OasisEth.Evm.Precompiles.Bls12381.Bls12G2MsmPrecompile.Instance));
        Assert.That(Get(0x0f), Is.SameAs(global::OasisEth.Evm.Precompiles.Bls12381.Bls12PairingPrecompile.Instance));
        Assert.That(Get(0x10), Is.SameAs(global::OasisEth.Evm.Precompiles.Bls12381.Bls12MapFpToG1Precompile.Instance));
        Assert.That(Get(0x11), Is.SameAs(global::OasisEth.Evm.Precompiles.Bls12381.Bls12MapFp2ToG2Precompile.Instance));

        static IPrecompile Get(int n)
        {
            Assert.That(PrecompileSet.TryGet(At(n), Fork.Prague, out IPrecompile? p), Is.True);
            return p!;
        }
    }
}
