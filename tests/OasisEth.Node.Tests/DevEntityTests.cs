using System.Security.Cryptography;
using System.Text;
using OasisEth.Node.Dev;
using OasisEth.Primitives;

namespace OasisEth.Node.Tests;

public class DevEntityTests
{
    [Test]
    public void PublicKeyFollowsRfc8032TestVector1()
    {
        DevEntity e = DevEntity.FromSeed(Hex.Decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        Assert.That(Hex.Encode(e.PublicKey), Is.EqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
    }

    [Test]
    public void DefaultEntityComesFromTheFixedSeed()
    {
        Assert.That(DevEntity.Default.Seed, Is.EqualTo(SHA256.HashData(Encoding.ASCII.GetBytes(DevEntity.SeedLabel))));
        Assert.That(DevEntity.Default.PublicKey, Is.EqualTo(DevEntity.FromSeed(DevEntity.Default.Seed).PublicKey));
        Assert.That(DevEntity.Default.PublicKey, Has.Length.EqualTo(32));
    }

    [Test]
    public void WrongSeedLengthIsRefused()
    {
        Assert.Throws<ArgumentException>(() => DevEntity.FromSeed(new byte[31]));
    }
}
