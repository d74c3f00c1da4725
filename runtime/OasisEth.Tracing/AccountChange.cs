using OasisEth.Primitives;

namespace OasisEth.Tracing;

public enum AccountChangeKind { Changed, Born, Died }

/// <summary>An account a transaction changed (prestateTracer diff mode): its fields before and after (After null when it
/// was deleted; Before of a born account is empty) and each changed slot.</summary>
public sealed record AccountChange(Address Address, AccountChangeKind Kind, PrestateAccount Before, PrestateAccount? After)
{
    public SortedDictionary<UInt256, (UInt256 From, UInt256 To)> Slots { get; } = [];
}
