using System.Numerics;
using OasisEth.Primitives;

namespace OasisEth.StateTest;

/// <summary>EIP-4844 blob base fee as the state-test runner derives it from <c>currentExcessBlobGas</c>.</summary>
public static class BlobGas
{
    /// <summary>EIP-4844 BLOB_BASE_FEE_UPDATE_FRACTION (Cancun).</summary>
    public const ulong CancunUpdateFraction = 3_338_477;
    /// <summary>EIP-7691 BLOB_BASE_FEE_UPDATE_FRACTION_PRAGUE.</summary>
    public const ulong PragueUpdateFraction = 5_007_716;
    /// <summary>EIP-4844 MIN_BASE_FEE_PER_BLOB_GAS.</summary>
    public const ulong MinBlobBaseFee = 1;

    /// <summary>The update fraction of a fork: the fixture's <c>config.blobSchedule</c> when it names one, else the
    /// EIP value (Prague's from Prague on, Cancun's before).</summary>
    public static ulong UpdateFraction(Fork fork, string forkName, IReadOnlyDictionary<string, ulong> schedule) =>
        schedule.TryGetValue(forkName, out ulong fraction) ? fraction
        : fork >= Fork.Prague ? PragueUpdateFraction : CancunUpdateFraction;

    public static UInt256 BaseFee(ulong excessBlobGas, ulong updateFraction) =>
        FakeExponential(MinBlobBaseFee, excessBlobGas, updateFraction);

    /// <summary>
    /// EIP-4844 <c>fake_exponential</c>: factor * e^(numerator / denominator) by its Taylor series in integers.
    /// Exact integer arithmetic (BigInteger, off the hot path). A result beyond 2^256 - 1 saturates: no fee that large
    /// can be paid anyway, and stopping there bounds the loop for absurd excess values.
    /// </summary>
    public static UInt256 FakeExponential(ulong factor, ulong numerator, ulong denominator)
    {
        if (denominator == 0) throw new ArgumentOutOfRangeException(nameof(denominator), "the update fraction must not be zero");
        BigInteger d = denominator;
        BigInteger limit = (BigInteger.One << 256) * d;
        BigInteger output = BigInteger.Zero;
        BigInteger accumulator = (BigInteger)factor * d;
        for (int i = 1; accumulator > 0; i++)
        {
            output += accumulator;
            if (output >= limit) return UInt256.MaxValue;
            accumulator = accumulator * numerator / (d * i);
        }
        BigInteger result = output / d;
        Span<byte> buf = stackalloc byte[32];
        buf.Clear();
        result.TryWriteBytes(buf, out int written, isUnsigned: true, isBigEndian: true);
        return UInt256.FromBigEndian(buf[..written]);
    }
}
