using OasisEth.Primitives;

namespace OasisEth.StateTest;

/// <summary>One state test as read from a fixture file: its pre-state, block environment, transaction
/// template (indexed data/gas/value arrays) and the expected results per fork.</summary>
public sealed class StateTestFixture
{
    public required string Name { get; init; }
    /// <summary>The fixture file, relative to the root the caller named (used in case ids).</summary>
    public required string File { get; init; }
    public required StateTestEnv Env { get; init; }
    public required IReadOnlyList<PreAccount> Pre { get; init; }
    public required TransactionTemplate Transaction { get; init; }
    public required IReadOnlyList<PostEntry> Post { get; init; }
    /// <summary><c>config.chainid</c>; 1 when absent (the ethereum/tests files assume mainnet).</summary>
    public UInt256 ChainId { get; init; } = 1;
    /// <summary><c>config.blobSchedule.&lt;fork&gt;.baseFeeUpdateFraction</c> by fixture fork name, when given (EEST).</summary>
    public IReadOnlyDictionary<string, ulong> BlobUpdateFractions { get; init; } = new Dictionary<string, ulong>();

    /// <summary>True if a pre-state account holds a wasm module or a transaction creates one (the Ewasm fixtures).</summary>
    public bool UsesWasm =>
        Pre.Any(a => Ewasm.Validation.ContractValidator.IsWasm(a.Code))
        || (Transaction.To is null && Transaction.Data.Any(d => Ewasm.Validation.ContractValidator.IsWasm(d)));
}

/// <summary>The fixture's <c>env</c>: the block the transaction runs in.</summary>
public sealed class StateTestEnv
{
    public Address Coinbase { get; init; }
    public ulong Number { get; init; }
    public ulong Timestamp { get; init; }
    public ulong GasLimit { get; init; }
    public UInt256 Difficulty { get; init; }
    public UInt256 Random { get; init; }
    public UInt256 BaseFee { get; init; }
    public ulong ExcessBlobGas { get; init; }
}

/// <summary>An account of <c>pre</c> (or of an EEST post <c>state</c>).</summary>
public sealed record PreAccount(Address Address, ulong Nonce, UInt256 Balance, byte[] Code, IReadOnlyList<KeyValuePair<UInt256, UInt256>> Storage);

/// <summary>The fixture's <c>transaction</c>: one value per field, except data/gasLimit/value (and accessLists, indexed
/// by the data index), from which each post entry's <c>indexes</c> pick.</summary>
public sealed class TransactionTemplate
{
    public ulong Nonce { get; init; }
    public UInt256? GasPrice { get; init; }
    public UInt256? MaxFeePerGas { get; init; }
    public UInt256? MaxPriorityFeePerGas { get; init; }
    public UInt256? MaxFeePerBlobGas { get; init; }
    public IReadOnlyList<Hash256>? BlobVersionedHashes { get; init; }
    public IReadOnlyList<AuthorizationEntry>? AuthorizationList { get; init; }
    /// <summary>Null for contract creation (<c>"to": ""</c>).</summary>
    public Address? To { get; init; }
    public Address? Sender { get; init; }
    public byte[]? SecretKey { get; init; }
    public required IReadOnlyList<byte[]> Data { get; init; }
    /// <summary>Null entries stand for gas limits that do not fit 64 bits (such a tx cannot be built; it must be rejected).</summary>
    public required IReadOnlyList<ulong?> GasLimit { get; init; }
    /// <summary>Null entries stand for values that do not fit 256 bits (<c>"0x:bigint ..."</c> in the fixtures).</summary>
    public required IReadOnlyList<UInt256?> Value { get; init; }
    /// <summary>Null when the fixture has no <c>accessLists</c>; a null entry means "no access list" for that data index.</summary>
    public IReadOnlyList<IReadOnlyList<AccessListEntry>?>? AccessLists { get; init; }
}

public sealed record AccessListEntry(Address Address, IReadOnlyList<UInt256> StorageKeys);

/// <summary>An EIP-7702 tuple as the fixture gives it. The nonce saturates at 2^64-1: any larger value is invalid
/// under EIP-7702 exactly as 2^64-1 is, so the tuple is skipped the same way.</summary>
public sealed record AuthorizationEntry(UInt256 ChainId, Address Address, ulong Nonce, UInt256 V, UInt256 R, UInt256 S, Address? Signer);

/// <summary>One entry of <c>post.&lt;fork&gt;</c>: an index combination with its expected root and logs hash.</summary>
public sealed class PostEntry
{
    /// <summary>The fork key as written in the file ("EIP150", "ConstantinopleFix", ...).</summary>
    public required string ForkName { get; init; }
    /// <summary>Null when the key names no fork we know.</summary>
    public Fork? Fork { get; init; }
    public int DataIndex { get; init; }
    public int GasIndex { get; init; }
    public int ValueIndex { get; init; }
    public Hash256 Hash { get; init; }
    public Hash256 Logs { get; init; }
    public byte[]? TxBytes { get; init; }
    public string? ExpectException { get; init; }
    /// <summary>EEST's full expected post alloc, for diffs; null in ethereum/tests fixtures.</summary>
    public IReadOnlyList<PreAccount>? State { get; init; }
    /// <summary>Stable id of the case: <c>file::test::fork::dNgNvN</c> (plus <c>#k</c> if an index combination repeats).</summary>
    public required string CaseId { get; init; }
}
