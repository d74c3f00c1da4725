using System.Text;
using Org.BouncyCastle.Crypto.Parameters;

namespace OasisEth.Node.Dev;

/// <summary>
/// The one Ed25519 entity that stands in for the compute committee on a dev node. Its key comes from a fixed
/// seed so every dev chain (and every restart of one) names the same entity, and reward claims made on one run
/// still belong to it on the next.
/// </summary>
public sealed class DevEntity
{
    /// <summary>What the seed is derived from: SHA-256 of this text.</summary>
    public const string SeedLabel = "oasis-eth dev entity v1";

    private DevEntity(byte[] seed, byte[] publicKey)
    {
        Seed = seed;
        PublicKey = publicKey;
    }

    /// <summary>The 32-byte Ed25519 private seed (RFC 8032).</summary>
    public byte[] Seed { get; }

    /// <summary>The 32-byte Ed25519 public key: the entity id.</summary>
    public byte[] PublicKey { get; }

    /// <summary>The entity of every dev chain. Its public key is written out: deriving it takes cold Ed25519 code about
    /// 80-300 ms at the start of <c>oasis-eth dev</c> for a key that never changes, and its seed is written out too (hashing
    /// the label would load a SHA-256 library for nothing else); a test keeps both equal to their derivation from
    /// <see cref="SeedLabel"/>.</summary>
    public static DevEntity Default { get; } = new(
        Convert.FromHexString("ccfdff63c1a8258b5ba4f46fdbf7204bc0f259f2e41fa3c6923c286374d3dabf"),
        Convert.FromHexString("29e65f8562f0ede133c8fb4ab8d8345382d3ab4894852308c1da9adcaafa8c4b"));

    public static DevEntity FromSeed(byte[] seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        if (seed.Length != 32)
            throw new ArgumentException("An Ed25519 seed is 32 bytes.", nameof(seed));
        var privateKey = new Ed25519PrivateKeyParameters(seed, 0);
        return new DevEntity((byte[])seed.Clone(), privateKey.GeneratePublicKey().GetEncoded());
    }
}
