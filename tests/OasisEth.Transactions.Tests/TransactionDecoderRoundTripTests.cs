using OasisEth.Primitives;
using OasisEth.Tests.Shared;

namespace OasisEth.Transactions.Tests;

/// <summary>
/// Sign with <see cref="TransactionEncoder"/>, decode with <see cref="TransactionDecoder"/>: every field, the hash and
/// the sender come back, and re-encoding the decoded transaction gives the same bytes. The decoder takes the signing
/// digest from the received bytes and the encoder rebuilds it from fields, so a recovered sender also checks that the
/// two agree.
/// </summary>
public sealed class TransactionDecoderRoundTripTests
{
    private static readonly Address Target = Address.Parse("0x1000000000000000000000000000000000000001");

    private static readonly AccessListItem[] SomeAccessList =
    [
        new(Target, [UInt256.Zero, UInt256.Parse("0x1234"), UInt256.MaxValue]),
        new(Address.Parse("0x2000000000000000000000000000000000000002"), []),
    ];

    public static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(new TxSpec { ChainId = 0 }, Fork.Frontier).SetName("Legacy unprotected (Frontier)");
        yield return new TestCaseData(new TxSpec { ChainId = 0, To = null }, Fork.Cancun).SetName("Legacy unprotected creation (Cancun)");
        yield return new TestCaseData(new TxSpec { ChainId = 1 }, Fork.SpuriousDragon).SetName("Legacy EIP-155 (Spurious Dragon)");
        yield return new TestCaseData(new TxSpec { ChainId = 1, Data = new byte[5000] }, Fork.Prague).SetName("Legacy EIP-155 large data (Prague)");
        yield return new TestCaseData(new TxSpec { Type = TxType.AccessList, AccessList = SomeAccessList }, Fork.Berlin).SetName("EIP-2930 (Berlin)");
        yield return new TestCaseData(new TxSpec { Type = TxType.AccessList, To = null }, Fork.Berlin).SetName("EIP-2930 creation (Berlin)");
        yield return new TestCaseData(new TxSpec { Type = TxType.DynamicFee, AccessList = SomeAccessList }, Fork.London).SetName("EIP-1559 (London)");
        yield return new TestCaseData(new TxSpec { Type = TxType.DynamicFee, Nonce = ulong.MaxValue - 1, Value = UInt256.MaxValue }, Fork.Shanghai)
            .SetName("EIP-1559 extreme nonce and value (Shanghai)");
        yield return new TestCaseData(new TxSpec
        {
            Type = TxType.Blob,
            MaxFeePerBlobGas = 7,
            BlobVersionedHashes = [Hash256.Parse("0x01" + new string('a', 62)), Hash256.Parse("0x01" + new string('b', 62))],
        }, Fork.Cancun).SetName("EIP-4844 (Cancun, blobs allowed)");
        yield return new TestCaseData(new TxSpec
        {
            Type = TxType.SetCode,
            AuthorizationList = [TestSigner.Authorization(1, Target, 0), TestSigner.Authorization(0, Address.Zero, 5)],
            AccessList = SomeAccessList,
        }, Fork.Prague).SetName("EIP-7702 (Prague)");
    }

    [TestCaseSource(nameof(Cases))]
    public void DecodesWhatWasSigned(TxSpec spec, Fork fork)
    {
        (Transaction signed, byte[] raw) = TestSigner.Sign(spec);

        bool ok = TransactionDecoder.TryDecode(raw, fork, 1, TxDecodePolicy.AllowBlobTransactions, out Transaction? tx, out string? error);

        Assert.That(ok, Is.True, error);
        Assert.Multiple(() =>
        {
            Assert.That(tx!.Type, Is.EqualTo(signed.Type));
            Assert.That(tx.Hash, Is.EqualTo(Keccak.Compute(raw)));
            Assert.That(tx.Sender, Is.EqualTo(TestSigner.AddressOf(TestSigner.Key)));
            Assert.That(tx.ChainId, Is.EqualTo(signed.ChainId));
            Assert.That(tx.Nonce, Is.EqualTo(signed.Nonce));
            Assert.That(tx.GasPrice, Is.EqualTo(signed.GasPrice));
            Assert.That(tx.MaxFeePerGas, Is.EqualTo(signed.MaxFeePerGas));
            Assert.That(tx.MaxPriorityFeePerGas, Is.EqualTo(signed.MaxPriorityFeePerGas));
            Assert.That(tx.GasLimit, Is.EqualTo(signed.GasLimit));
            Assert.That(tx.To, Is.EqualTo(signed.To));
            Assert.That(tx.Value, Is.EqualTo(signed.Value));
            Assert.That(tx.Data, Is.EqualTo(signed.Data));
            Assert.That(tx.AccessList.Length, Is.EqualTo(signed.AccessList.Length));
            for (int i = 0; i < tx.AccessList.Length; i++)
            {
                Assert.That(tx.AccessList[i].Address, Is.EqualTo(signed.AccessList[i].Address));
                Assert.That(tx.AccessList[i].StorageKeys, Is.EqualTo(signed.AccessList[i].StorageKeys));
            }
            Assert.That(tx.MaxFeePerBlobGas, Is.EqualTo(signed.MaxFeePerBlobGas));
            Assert.That(tx.BlobVersionedHashes, Is.EqualTo(signed.BlobVersionedHashes));
            Assert.That(tx.AuthorizationList, Is.EqualTo(signed.AuthorizationList)); // records: value equality
            Assert.That(tx.V, Is.EqualTo(signed.V));
            Assert.That(tx.R, Is.EqualTo(signed.R));
            Assert.That(tx.S, Is.EqualTo(signed.S));
            Assert.That(TransactionEncoder.Encode(tx), Is.EqualTo(raw), "re-encoding the decoded transaction");
        });
    }

    [Test]
    public void AuthorizationsRecoverToTheirSigner()
    {
        AuthorizationTuple auth = TestSigner.Authorization(1, Target, 3);
        byte[] raw = TestSigner.Raw(new TxSpec { Type = TxType.SetCode, AuthorizationList = [auth] });

        Assert.That(TransactionDecoder.TryDecode(raw, Fork.Prague, 1, out Transaction? tx, out string? error), Is.True, error);
        Assert.That(Authorizations.TryRecoverAuthority(tx!.AuthorizationList[0], out Address authority), Is.True);
        Assert.That(authority, Is.EqualTo(TestSigner.AddressOf(TestSigner.Key)));
    }

    [Test]
    public void NullChainIdAcceptsAnyEip155Chain()
    {
        byte[] raw = TestSigner.Raw(new TxSpec { ChainId = 0x1_0000_0001 });

        Assert.That(TransactionDecoder.TryDecode(raw, Fork.Cancun, null, out Transaction? tx, out string? error), Is.True, error);
        Assert.That(tx!.ChainId, Is.EqualTo((UInt256)0x1_0000_0001UL));
        Assert.That(tx.Sender, Is.EqualTo(TestSigner.AddressOf(TestSigner.Key)));
        Assert.That(TransactionDecoder.TryDecode(raw, Fork.Cancun, 1, out _, out error), Is.False);
        Assert.That(error, Does.StartWith("TransactionException.INVALID_CHAINID"));
    }

    /// <summary>BasicTests/txtest.json: legacy transactions signed by known keys (RFC 6979, so the bytes are fixed).</summary>
    [Test]
    public void BasicTestsTxTestVectorsSignAndDecode()
    {
        string path = Path.Combine(SharedFixtures.Conformance, "BasicTests", "txtest.json");
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(path));
        int checkedCount = 0;
        foreach (var v in doc.RootElement.EnumerateArray())
        {
            byte[] key = Hex.Decode(v.GetProperty("key").GetString()!);
            string to = v.GetProperty("to").GetString()!;
            var spec = new TxSpec
            {
                ChainId = 0,
                Nonce = v.GetProperty("nonce").GetUInt64(),
                GasPrice = v.GetProperty("gasprice").GetUInt64(),
                GasLimit = v.GetProperty("startgas").GetUInt64(),
                To = to.Length == 0 ? null : Address.Parse(to),
                Value = v.GetProperty("value").GetUInt64(),
                Data = Hex.Decode(v.GetProperty("data").GetString()!),
            };
            byte[] expected = Hex.Decode(v.GetProperty("signed").GetString()!);

            Assert.That(TransactionDecoder.TryDecodeAndRecover(expected, Fork.Frontier, 1, TxDecodePolicy.Default, out Transaction? vector, out string? error), Is.True, error);
            Assert.That(vector!.Sender, Is.EqualTo(TestSigner.AddressOf(key)));

            (Transaction ours, byte[] raw) = TestSigner.Sign(spec, key);
            if (UInt256.GreaterThan(vector.S, SignatureRules.SecpHalfN))
            {
                // A 2014 signature with a high s: valid in Frontier only. libsecp256k1 signs the low-s twin (n - s,
                // the other recovery id), the one form EIP-2 keeps from Homestead.
                Assert.That(ours.R, Is.EqualTo(vector.R));
                Assert.That(ours.S, Is.EqualTo(SignatureRules.SecpN - vector.S));
                Assert.That(ours.V, Is.EqualTo((UInt256)(55UL - (ulong)vector.V)), "27 <-> 28");
                Assert.That(TransactionDecoder.TryDecodeAndRecover(expected, Fork.Homestead, 1, TxDecodePolicy.Default, out _, out error), Is.False);
                Assert.That(error, Does.Contain("EIP-2"));
            }
            else
            {
                Assert.That(raw, Is.EqualTo(expected), "signed encoding");
            }
            checkedCount++;
        }
        Assert.That(checkedCount, Is.EqualTo(2));
    }
}
