using OasisEth.Primitives;

namespace OasisEth.TxTest;

/// <summary>One TransactionTests-format test: raw transaction bytes and, per fork key, the expected outcome.</summary>
public sealed class TxTestFixture
{
    public required string Name { get; init; }
    /// <summary>The bytes to decode (the fixture's <c>txbytes</c>).</summary>
    public required byte[] TxBytes { get; init; }
    /// <summary>The <c>result</c> entries in file order.</summary>
    public required IReadOnlyList<TxExpectation> Results { get; init; }
}

/// <summary>One <c>result.&lt;fork&gt;</c> entry: valid (hash, sender, intrinsic gas) or invalid (<c>exception</c>).</summary>
public sealed class TxExpectation
{
    /// <summary>The fork key as the fixture writes it ("EIP150", "ConstantinopleFix", …).</summary>
    public required string ForkName { get; init; }
    public Hash256? Hash { get; init; }
    public Address? Sender { get; init; }
    public ulong? IntrinsicGas { get; init; }
    /// <summary>Set when the transaction must be rejected; alternatives are separated by '|'.</summary>
    public string? Exception { get; init; }

    public bool ExpectsValid => Exception is null;
}

/// <summary>A fixture file: its tests, plus what could not be read (the whole file, or single tests).</summary>
public sealed class TxTestFile
{
    public required string File { get; init; }
    public string? FileError { get; set; }
    public List<TxTestFixture> Tests { get; } = [];
    public List<(string Name, string Error)> TestErrors { get; } = [];
}
