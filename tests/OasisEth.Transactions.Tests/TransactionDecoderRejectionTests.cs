using System.Numerics;
using OasisEth.Primitives;
using OasisEth.Primitives.Rlp;

namespace OasisEth.Transactions.Tests;

/// <summary>
/// One test per rejection rule, each on an input that differs from a valid transaction in that one respect; the
/// reason must name the rule (so a rejection for some other reason does not pass).
/// </summary>
public sealed class TransactionDecoderRejectionTests
{
    private static readonly byte[] Legacy155 = TestSigner.Raw(new TxSpec { ChainId = 1 });
    private static readonly byte[] Legacy = TestSigner.Raw(new TxSpec { ChainId = 0 });
    private static readonly byte[] AccessListTx = TestSigner.Raw(new TxSpec { Type = TxType.AccessList });
    private static readonly byte[] DynamicFeeTx = TestSigner.Raw(new TxSpec { Type = TxType.DynamicFee });
    private static readonly byte[] BlobTx = TestSigner.Raw(new TxSpec
    {
        Type = TxType.Blob, MaxFeePerBlobGas = 1, BlobVersionedHashes = [Hash256.Parse("0x01" + new string('0', 62))],
    });
    private static readonly byte[] SetCodeTx = TestSigner.Raw(new TxSpec
    {
        Type = TxType.SetCode, AuthorizationList = [TestSigner.Authorization(1, Address.Parse("0x1000000000000000000000000000000000000001"), 0)],
    });

    private static void AssertRejected(byte[] raw, Fork fork, string reason, ulong? chainId = 1, TxDecodePolicy policy = TxDecodePolicy.AllowBlobTransactions)
    {
        bool ok = TransactionDecoder.TryDecode(raw, fork, chainId, policy, out Transaction? tx, out string? error);
        Assert.That(ok, Is.False, "expected a rejection containing " + reason);
        Assert.That(tx, Is.Null);
        Assert.That(error, Does.Contain(reason));
    }

    private static Transaction AssertValid(byte[] raw, Fork fork, ulong? chainId = 1)
    {
        bool ok = TransactionDecoder.TryDecode(raw, fork, chainId, TxDecodePolicy.AllowBlobTransactions, out Transaction? tx, out string? error);
        Assert.That(ok, Is.True, error);
        return tx!;
    }

    [Test]
    public void TheBaseInputsAreValid()
    {
        AssertValid(Legacy155, Fork.Cancun);
        AssertValid(Legacy, Fork.Frontier);
        AssertValid(AccessListTx, Fork.Berlin);
        AssertValid(DynamicFeeTx, Fork.London);
        AssertValid(BlobTx, Fork.Cancun);
        AssertValid(SetCodeTx, Fork.Prague);
    }

    // ---- envelope and types -------------------------------------------------------------------------------

    [Test] public void EmptyInput() => AssertRejected([], Fork.Cancun, "empty input");

    [Test]
    public void ATransactionWrappedInAStringIsNotATransaction() =>
        AssertRejected(Rlp.EncodeBytes(Legacy155), Fork.Cancun, "TYPE_NOT_SUPPORTED: first byte 0xb8");

    [TestCase((byte)0x00)]
    [TestCase((byte)0x05)]
    [TestCase((byte)0x7f)]
    public void UnknownTypes(byte type) =>
        AssertRejected([type, .. DynamicFeeTx[1..]], Fork.Prague, "TYPE_NOT_SUPPORTED: unknown transaction type");

    [TestCase(TxType.AccessList, Fork.Istanbul)]
    [TestCase(TxType.DynamicFee, Fork.Berlin)]
    [TestCase(TxType.Blob, Fork.Shanghai)]
    [TestCase(TxType.SetCode, Fork.Cancun)]
    public void TypesBeforeTheirFork(TxType type, Fork fork)
    {
        byte[] raw = type switch
        {
            TxType.AccessList => AccessListTx,
            TxType.DynamicFee => DynamicFeeTx,
            TxType.Blob => BlobTx,
            _ => SetCodeTx,
        };
        AssertRejected(raw, fork, "TYPE_NOT_SUPPORTED");
        AssertValid(raw, fork + 1); // each type's fork follows the one tested
    }

    [Test]
    public void BlobTransactionsAreRefusedByThisChainsPolicy()
    {
        AssertRejected(BlobTx, Fork.Cancun, "blob transactions are not supported on this chain", policy: TxDecodePolicy.Default);
        AssertRejected(BlobTx, Fork.Prague, "blob transactions are not supported on this chain", policy: TxDecodePolicy.Default);
    }

    [Test] public void TrailingBytesAfterALegacyList() => AssertRejected([.. Legacy155, 0x00], Fork.Cancun, "trailing bytes");
    [Test] public void TrailingBytesAfterATypedList() => AssertRejected([.. DynamicFeeTx, 0x80], Fork.Cancun, "trailing bytes");
    [Test] public void TypedPayloadMustBeAList() => AssertRejected([0x02, 0x83, 0x01, 0x02, 0x03], Fork.Cancun, "must be an RLP list");
    [Test] public void TruncatedInput() => AssertRejected(Legacy155[..^1], Fork.Cancun, "RLP_ERROR");

    [Test] public void TooFewLegacyFields() => AssertRejected(RawTx.DropLast(Legacy155), Fork.Cancun, "RLP_TOO_FEW_ELEMENTS");
    [Test] public void TooManyLegacyFields() => AssertRejected(RawTx.Append(Legacy155, "80"), Fork.Cancun, "RLP_TOO_MANY_ELEMENTS");
    [Test] public void TooFewTypedFields() => AssertRejected(RawTx.DropLast(DynamicFeeTx), Fork.Cancun, "RLP_TOO_FEW_ELEMENTS");
    [Test] public void TooManyTypedFields() => AssertRejected(RawTx.Append(AccessListTx, "80"), Fork.Cancun, "RLP_TOO_MANY_ELEMENTS");

    // ---- canonical RLP ----------------------------------------------------------------------------------

    [TestCase(0, "820007", "RLP_LEADING_ZEROS_NONCE")]
    [TestCase(1, "82000a", "RLP_LEADING_ZEROS_GASPRICE")]
    [TestCase(2, "8300ffff", "RLP_LEADING_ZEROS_GASLIMIT")]
    [TestCase(4, "8200ff", "RLP_LEADING_ZEROS_VALUE")]
    [TestCase(6, "820025", "RLP_LEADING_ZEROS_V")]
    [TestCase(0, "00", "RLP_LEADING_ZEROS_NONCE")]
    public void LeadingZerosInIntegers(int field, string item, string reason) =>
        AssertRejected(RawTx.Replace(Legacy155, field, item), Fork.Cancun, reason);

    [Test]
    public void LeadingZerosInRAndS()
    {
        List<byte[]> items = RawTx.Items(Legacy155);
        AssertRejected(RawTx.Replace(Legacy155, 7, [0xa1, 0x00, .. items[7][1..]]), Fork.Cancun, "RLP_LEADING_ZEROS_R");
        AssertRejected(RawTx.Replace(Legacy155, 8, [0xa1, 0x00, .. items[8][1..]]), Fork.Cancun, "RLP_LEADING_ZEROS_S");
    }

    [Test] public void SingleByteWrappedAsAString() => AssertRejected(RawTx.Replace(Legacy155, 0, "8107"), Fork.Cancun, "single byte below 0x80");
    [Test] public void LongFormForAShortString() => AssertRejected(RawTx.Replace(Legacy155, 5, "b803010203"), Fork.Cancun, "short form");

    [Test]
    public void NonMinimalListLength()
    {
        // The same list with its length written in two bytes (0xf9 0x00 0x..) instead of one.
        int headerLength = Legacy155[0] - 0xf7;
        Assert.That(headerLength, Is.EqualTo(1), "test assumes a one-byte length");
        byte[] raw = [0xf9, 0x00, .. Legacy155[1..]];
        AssertRejected(raw, Fork.Cancun, "leading zero");
    }

    // ---- sizes ------------------------------------------------------------------------------------------

    [TestCase(0, 9, "NONCE_OVERFLOW")]
    [TestCase(2, 9, "GASLIMIT_OVERFLOW")]
    [TestCase(4, 33, "VALUE_OVERFLOW")]
    [TestCase(1, 33, "gasPrice is 33 bytes")]
    [TestCase(7, 33, "INVALID_SIGNATURE_VRS")]
    [TestCase(8, 33, "INVALID_SIGNATURE_VRS")]
    [TestCase(3, 19, "ADDRESS_TOO_SHORT")]
    [TestCase(3, 21, "ADDRESS_TOO_LONG")]
    public void FieldWidths(int field, int length, string reason) =>
        AssertRejected(RawTx.Replace(Legacy155, field, RawTx.Bytes(length)), Fork.Cancun, reason);

    [Test] public void NonceIsAList() => AssertRejected(RawTx.Replace(Legacy155, 0, "c0"), Fork.Cancun, "RLP_INVALID_NONCE");
    [Test] public void DataIsAList() => AssertRejected(RawTx.Replace(Legacy155, 5, "c180"), Fork.Cancun, "RLP_INVALID_DATA");
    [Test] public void ToIsAList() => AssertRejected(RawTx.Replace(Legacy155, 3, "c0"), Fork.Cancun, "expected a string");

    [TestCase(8, 19, "RLP_INVALID_ACCESS_LIST_ADDRESS_TOO_SHORT")]
    [TestCase(8, 21, "RLP_INVALID_ACCESS_LIST_ADDRESS_TOO_LONG")]
    public void AccessListAddressWidth(int field, int length, string reason) =>
        AssertRejected(RawTx.Replace(DynamicFeeTx, field, Rlp.EncodeList(Rlp.EncodeList(RawTx.Bytes(length), Rlp.EncodeList()))), Fork.Cancun, reason);

    [TestCase(31, "RLP_INVALID_ACCESS_LIST_STORAGE_TOO_SHORT")]
    [TestCase(33, "RLP_INVALID_ACCESS_LIST_STORAGE_TOO_LONG")]
    public void AccessListStorageKeyWidth(int length, string reason) =>
        AssertRejected(RawTx.Replace(AccessListTx, 7, Rlp.EncodeList(Rlp.EncodeList(RawTx.Bytes(20), Rlp.EncodeList(RawTx.Bytes(length))))), Fork.Cancun, reason);

    [Test]
    public void AccessListEntryWithThreeItems() =>
        AssertRejected(RawTx.Replace(AccessListTx, 7, Rlp.EncodeList(Rlp.EncodeList(RawTx.Bytes(20), Rlp.EncodeList(), Rlp.EncodeList()))),
            Fork.Cancun, "access-list entry has 3 items");

    // ---- signature values -------------------------------------------------------------------------------

    private static readonly UInt256 N = SignatureRules.SecpN;

    [Test] public void RIsZero() => AssertRejected(RawTx.Replace(Legacy155, 7, "80"), Fork.Cancun, "r is zero");
    [Test] public void SIsZero() => AssertRejected(RawTx.Replace(Legacy155, 8, "80"), Fork.Cancun, "s is zero");
    [Test] public void RIsTheOrder() => AssertRejected(RawTx.Replace(Legacy155, 7, RawTx.Int(N)), Fork.Cancun, "r is not below");
    [Test] public void SIsTheOrder() => AssertRejected(RawTx.Replace(Legacy, 8, RawTx.Int(N)), Fork.Frontier, "s is not below");
    [Test] public void TypedSIsTheOrder() => AssertRejected(RawTx.Replace(DynamicFeeTx, 11, RawTx.Int(N)), Fork.Cancun, "s is not below");

    /// <summary>EIP-2: the high-s twin (n - s, other recovery id) of a valid signature recovers the same sender, and is valid only in Frontier.</summary>
    [Test]
    public void HighSTwinIsValidInFrontierOnly()
    {
        (Transaction tx, _) = TestSigner.Sign(new TxSpec { ChainId = 0 });
        byte[] twin = RawTx.Replace(RawTx.Replace(Legacy, 8, RawTx.Int(N - tx.S)), 6, RawTx.Int(55UL - (ulong)tx.V));

        Assert.That(AssertValid(twin, Fork.Frontier).Sender, Is.EqualTo(TestSigner.AddressOf(TestSigner.Key)));
        AssertRejected(twin, Fork.Homestead, "EIP-2");
    }

    [Test]
    public void HalfTheOrderIsStillLowS()
    {
        // s = n/2 exactly is allowed (ethereum/tests TransactionWithSvalueEqual_c_secp256k1n_x05): some sender recovers.
        byte[] raw = RawTx.Replace(Legacy, 8, RawTx.Int(SignatureRules.SecpHalfN));
        Assert.That(TransactionDecoder.TryDecodeAndRecover(raw, Fork.Cancun, 1, TxDecodePolicy.Default, out _, out string? error), Is.True, error);
        AssertRejected(RawTx.Replace(Legacy, 8, RawTx.Int(SignatureRules.SecpHalfN + 1)), Fork.Cancun, "EIP-2");
    }

    [Test]
    public void RThatIsNotOnTheCurveFailsRecovery()
    {
        AssertRejected(RawTx.Replace(Legacy155, 7, RawTx.Int(SmallestXOffTheCurve())), Fork.Cancun, "EC_RECOVERY_FAIL");
    }

    /// <summary>The smallest x ≥ 1 for which x³ + 7 is not a square mod p: no secp256k1 point has it as x.</summary>
    private static UInt256 SmallestXOffTheCurve()
    {
        BigInteger p = BigInteger.Parse("0fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f", System.Globalization.NumberStyles.HexNumber);
        for (BigInteger x = 1; ; x++)
        {
            if (BigInteger.ModPow(x * x * x + 7, (p - 1) / 2, p) == p - 1) return UInt256.FromBigInteger(x);
        }
    }

    // ---- v and chain id ---------------------------------------------------------------------------------

    [TestCase(29UL, Fork.Cancun, "INVALID_CHAINID")]
    [TestCase(36UL, Fork.Cancun, "INVALID_CHAINID")] // chain id 0
    [TestCase(39UL, Fork.Cancun, "INVALID_CHAINID")] // chain id 2
    [TestCase(0UL, Fork.Cancun, "INVALID_SIGNATURE_VRS")]
    [TestCase(1UL, Fork.Cancun, "INVALID_SIGNATURE_VRS")]
    [TestCase(37UL, Fork.TangerineWhistle, "before EIP-155")]
    public void LegacyV(ulong v, Fork fork, string reason) => AssertRejected(RawTx.Replace(Legacy155, 6, RawTx.Int(v)), fork, reason);

    [Test]
    public void Eip155FromSpuriousDragon()
    {
        AssertRejected(Legacy155, Fork.TangerineWhistle, "before EIP-155");
        Assert.That(AssertValid(Legacy155, Fork.SpuriousDragon).ChainId, Is.EqualTo((UInt256)1));
    }

    [Test]
    public void UnprotectedLegacyStaysValid() => Assert.That(AssertValid(Legacy, Fork.Prague).ChainId.IsZero, Is.True);

    [Test] public void Eip155ForAnotherChain() => AssertRejected(Legacy155, Fork.Cancun, "INVALID_CHAINID", chainId: 5);

    [Test]
    public void TypedForAnotherChain() =>
        AssertRejected(TestSigner.Raw(new TxSpec { Type = TxType.DynamicFee, ChainId = 2 }), Fork.Cancun, "INVALID_CHAINID: chain id 2, expected 1");

    [Test] public void TypedYParityTwo() => AssertRejected(RawTx.Replace(DynamicFeeTx, 9, "02"), Fork.Cancun, "yParity = 2");
    [Test] public void TypedYParity27() => AssertRejected(RawTx.Replace(AccessListTx, 8, "1b"), Fork.Cancun, "yParity = 27");

    // ---- stateless validity ----------------------------------------------------------------------------

    [Test]
    public void IntrinsicGasMustFitTheGasLimit()
    {
        var spec = new TxSpec { ChainId = 1, Data = [0, 1, 2], GasLimit = 21_000 + 4 + 16 + 16 };
        AssertValid(TestSigner.Raw(spec), Fork.Istanbul);
        AssertRejected(TestSigner.Raw(spec with { GasLimit = spec.GasLimit - 1 }), Fork.Istanbul, "INTRINSIC_GAS_TOO_LOW");
        // Before EIP-2028 a non-zero byte cost 68.
        AssertRejected(TestSigner.Raw(spec), Fork.Petersburg, "INTRINSIC_GAS_TOO_LOW");
    }

    [Test]
    public void CreationCosts53000FromHomestead()
    {
        byte[] raw = TestSigner.Raw(new TxSpec { ChainId = 0, To = null, Data = [], GasLimit = 21_000 });
        AssertValid(raw, Fork.Frontier);
        AssertRejected(raw, Fork.Homestead, "INTRINSIC_GAS_TOO_LOW");
    }

    [Test]
    public void Eip7623FloorFromPrague()
    {
        // 100 non-zero bytes: standard cost 21000 + 1600, floor 21000 + 100 * 4 * 10 = 25000.
        var spec = new TxSpec { Type = TxType.DynamicFee, Data = Enumerable.Repeat((byte)1, 100).ToArray(), GasLimit = 24_999 };
        byte[] raw = TestSigner.Raw(spec);
        AssertValid(raw, Fork.Cancun);
        AssertRejected(raw, Fork.Prague, "EIP-7623");
        AssertValid(TestSigner.Raw(spec with { GasLimit = 25_000 }), Fork.Prague);
    }

    [Test]
    public void InitCodeLimitFromShanghai()
    {
        var spec = new TxSpec { ChainId = 1, To = null, Data = new byte[49_153], GasLimit = 10_000_000 };
        byte[] raw = TestSigner.Raw(spec);
        AssertValid(raw, Fork.Paris);
        AssertRejected(raw, Fork.Shanghai, "INITCODE_SIZE_EXCEEDED");
        AssertValid(TestSigner.Raw(spec with { Data = new byte[49_152] }), Fork.Shanghai);
    }

    [Test]
    public void NonceOfTwoToThe64MinusOneIsReserved()
    {
        AssertRejected(TestSigner.Raw(new TxSpec { Nonce = ulong.MaxValue }), Fork.SpuriousDragon, "NONCE_TOO_BIG");
        AssertValid(TestSigner.Raw(new TxSpec { Nonce = ulong.MaxValue - 1 }), Fork.Cancun);
    }

    [Test]
    public void GasLimitTimesPriceMustFit256Bits()
    {
        AssertRejected(TestSigner.Raw(new TxSpec { GasPrice = UInt256.MaxValue / 2 }), Fork.Cancun, "GASLIMIT_PRICE_PRODUCT_OVERFLOW");
        AssertRejected(TestSigner.Raw(new TxSpec { Type = TxType.DynamicFee, MaxFeePerGas = UInt256.MaxValue, MaxPriorityFeePerGas = 1 }),
            Fork.Cancun, "GASLIMIT_PRICE_PRODUCT_OVERFLOW");
        AssertValid(TestSigner.Raw(new TxSpec { GasPrice = UInt256.MaxValue / 100_000 }), Fork.Cancun);
    }

    [Test]
    public void PriorityFeeAboveMaxFee() =>
        AssertRejected(TestSigner.Raw(new TxSpec { Type = TxType.DynamicFee, MaxFeePerGas = 5, MaxPriorityFeePerGas = 6 }),
            Fork.London, "PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS");

    // ---- blob transactions (EIP-4844) -------------------------------------------------------------------

    [Test]
    public void BlobTransactionCannotCreate() =>
        AssertRejected(RawTx.Replace(BlobTx, 5, "80"), Fork.Cancun, "TYPE_3_TX_CONTRACT_CREATION");

    [Test]
    public void BlobRules()
    {
        var spec = new TxSpec { Type = TxType.Blob, MaxFeePerBlobGas = 1 };
        AssertRejected(TestSigner.Raw(spec), Fork.Cancun, "TYPE_3_TX_ZERO_BLOBS");
        AssertRejected(TestSigner.Raw(spec with { BlobVersionedHashes = [Hash256.Parse("0x02" + new string('0', 62))] }), Fork.Cancun,
            "TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH");
        byte[] seven = TestSigner.Raw(spec with { BlobVersionedHashes = Enumerable.Repeat(Hash256.Parse("0x01" + new string('0', 62)), 7).ToArray() });
        AssertRejected(seven, Fork.Cancun, "TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED");
        AssertValid(seven, Fork.Prague);
    }

    [Test]
    public void BlobHashesMustBe32Bytes() =>
        AssertRejected(RawTx.Replace(BlobTx, 10, Rlp.EncodeList(RawTx.Bytes(31))), Fork.Cancun, "hash must be 32 bytes");

    // ---- set-code transactions (EIP-7702) ---------------------------------------------------------------

    [Test]
    public void SetCodeTransactionCannotCreate() =>
        AssertRejected(RawTx.Replace(SetCodeTx, 5, "80"), Fork.Prague, "TYPE_4_TX_CONTRACT_CREATION");

    [Test]
    public void SetCodeNeedsAnAuthorization() =>
        AssertRejected(TestSigner.Raw(new TxSpec { Type = TxType.SetCode }), Fork.Prague, "TYPE_4_EMPTY_AUTHORIZATION_LIST");

    private static byte[] Tuple(string chainId, string address, string nonce, string yParity, string r, string s) =>
        Rlp.EncodeList(Rlp.EncodeList(Hex.Decode(chainId), Hex.Decode(address), Hex.Decode(nonce), Hex.Decode(yParity), Hex.Decode(r), Hex.Decode(s)));

    private const string A20 = "941000000000000000000000000000000000000001";

    [Test]
    public void AuthorizationWithFiveItems() =>
        AssertRejected(RawTx.Replace(SetCodeTx, 9, Rlp.EncodeList(Rlp.EncodeList(Hex.Decode("01"), Hex.Decode(A20), Hex.Decode("80"), Hex.Decode("01"), Hex.Decode("01")))),
            Fork.Prague, "TYPE_4_INVALID_AUTHORIZATION_FORMAT");

    [TestCase("a1010000000000000000000000000000000000000000000000000000000000000000", A20, "80", "TYPE_4_INVALID_AUTHORIZATION_FORMAT")] // chain id 2^256
    [TestCase("01", A20, "89010000000000000000", "TYPE_4_INVALID_AUTHORIZATION_FORMAT")] // nonce 2^64
    [TestCase("01", A20, "c0", "TYPE_4_INVALID_AUTHORIZATION_FORMAT")] // nonce a list
    [TestCase("01", "93" + "10000000000000000000000000000000000001", "80", "TYPE_4_INVALID_AUTHORIZATION_FORMAT")] // 19-byte address
    [TestCase("820001", A20, "80", "TYPE_4_INVALID_AUTHORIZATION_FORMAT")] // chain id with a leading zero
    public void MalformedAuthorizationFields(string chainId, string address, string nonce, string reason) =>
        AssertRejected(RawTx.Replace(SetCodeTx, 9, Tuple(chainId, address, nonce, "01", "01", "01")), Fork.Prague, reason);

    [TestCase("820100", "01", "01")] // yParity 256
    [TestCase("01", "a1010000000000000000000000000000000000000000000000000000000000000000", "01")] // r 2^256
    [TestCase("01", "01", "a1010000000000000000000000000000000000000000000000000000000000000000")] // s 2^256
    public void AuthoritySignatureTooWide(string yParity, string r, string s) =>
        AssertRejected(RawTx.Replace(SetCodeTx, 9, Tuple("01", A20, "80", yParity, r, s)), Fork.Prague, "TYPE_4_INVALID_AUTHORITY_SIGNATURE");

    [Test]
    public void AnUnverifiableAuthorizationIsNotAFormatError()
    {
        // yParity 2 and a zero r fit their widths: the tuple decodes and is skipped when applied (EIP-7702).
        AuthorizationTuple bad = new(1, Address.Parse("0x1000000000000000000000000000000000000001"), 0, 2, 0, 1);
        Transaction tx = AssertValid(TestSigner.Raw(new TxSpec { Type = TxType.SetCode, AuthorizationList = [bad] }), Fork.Prague);
        Assert.That(Authorizations.TryRecoverAuthority(tx.AuthorizationList[0], out _), Is.False);
    }

    // ---- never throws -----------------------------------------------------------------------------------

    [Test]
    public void MutatedInputsNeverThrow()
    {
        byte[][] seeds = [Legacy155, Legacy, AccessListTx, DynamicFeeTx, BlobTx, SetCodeTx];
        var random = new Random(20240601);
        int rejected = 0, total = 0;
        foreach (byte[] seed in seeds)
        {
            for (int i = 0; i < 1500; i++)
            {
                byte[] input = Mutate(seed, random);
                foreach (Fork fork in new[] { Fork.Frontier, Fork.SpuriousDragon, Fork.Cancun, Fork.Prague })
                {
                    bool ok;
                    try
                    {
                        ok = TransactionDecoder.TryDecode(input, fork, 1, TxDecodePolicy.AllowBlobTransactions, out _, out string? error);
                        Assert.That(ok || !string.IsNullOrEmpty(error), "a rejection without a reason");
                    }
                    catch (Exception e)
                    {
                        Assert.Fail($"TryDecode threw {e.GetType().Name} for {Hex.EncodePrefixed(input)}: {e.Message}");
                        return;
                    }
                    total++;
                    if (!ok) rejected++;
                }
            }
        }
        Assert.That(rejected, Is.GreaterThan(total / 2), "the mutations should mostly break the transaction");
    }

    [Test]
    public void EveryTruncationIsRejected()
    {
        foreach (byte[] seed in new[] { Legacy155, DynamicFeeTx, SetCodeTx })
        {
            for (int length = 0; length < seed.Length; length++)
                Assert.That(TransactionDecoder.TryDecode(seed.AsSpan(0, length), Fork.Prague, 1, out _, out _), Is.False, $"prefix of {length} bytes");
        }
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        byte[] b = (byte[])seed.Clone();
        switch (random.Next(4))
        {
            case 0: // flip a byte
                b[random.Next(b.Length)] = (byte)random.Next(256);
                return b;
            case 1: // truncate
                return b[..random.Next(b.Length)];
            case 2: // insert a byte
            {
                int at = random.Next(b.Length + 1);
                return [.. b[..at], (byte)random.Next(256), .. b[at..]];
            }
            default: // corrupt a header-sized run near the start
                for (int k = 0; k < 3; k++) b[random.Next(Math.Min(8, b.Length))] = (byte)random.Next(256);
                return b;
        }
    }
}
