using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>
/// One account's override: each field given replaces that part of the account. <see cref="State"/> replaces the
/// whole storage (slots not listed read as zero); <see cref="StateDiff"/> patches the listed slots. At most one of
/// the two may be set (the chain refuses both with <see cref="ArgumentException"/>).
/// </summary>
public sealed record AccountOverride(Address Address)
{
    public UInt256? Balance { get; init; }
    public ulong? Nonce { get; init; }
    public byte[]? Code { get; init; }
    public IReadOnlyDictionary<UInt256, UInt256>? State { get; init; }
    public IReadOnlyDictionary<UInt256, UInt256>? StateDiff { get; init; }
}
