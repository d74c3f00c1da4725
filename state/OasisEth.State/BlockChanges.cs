using OasisEth.Primitives;

namespace OasisEth.State;

/// <summary>
/// What a block changed relative to the state it started from (<see cref="InMemoryWorldState.CollectChanges"/>),
/// every list sorted so that applying it to a tree or hashing it cannot depend on hash-table order.
/// </summary>
/// <remarks>
/// Apply in this order: <see cref="StorageWipes"/>, <see cref="Deleted"/>, <see cref="Accounts"/>,
/// <see cref="Code"/>, <see cref="Storage"/>. A wipe comes first because an account can lose its storage and get
/// new slots in the same block (self-destruct then re-creation, CREATE over leftover storage); the slots in
/// <see cref="Storage"/> for such an account are all of its new storage.
/// </remarks>
public sealed class BlockChanges
{
    /// <summary>Accounts created or whose nonce, balance or code hash changed; sorted by address.</summary>
    public required IReadOnlyList<AccountUpdate> Accounts { get; init; }

    /// <summary>Accounts that existed at the start of the block and do not at its end; sorted.</summary>
    public required IReadOnlyList<Address> Deleted { get; init; }

    /// <summary>
    /// Accounts whose storage at the start of the block must be removed entirely: deleted ones that had
    /// storage, and ones re-created over storage (deleted then created again, CREATE over leftover storage).
    /// Sorted.
    /// </summary>
    public required IReadOnlyList<Address> StorageWipes { get; init; }

    /// <summary>Slots written, sorted by address then slot (numeric, i.e. big-endian bytes); zero = delete.</summary>
    public required IReadOnlyList<StorageChange> Storage { get; init; }

    /// <summary>Code blobs accounts took on in the block, one per hash, sorted by hash. Blobs are never deleted:
    /// several accounts may share one, and nothing counts references.</summary>
    public required IReadOnlyList<CodeBlob> Code { get; init; }

    public bool IsEmpty => Accounts.Count == 0 && Deleted.Count == 0 && StorageWipes.Count == 0 && Storage.Count == 0 && Code.Count == 0;

    public static BlockChanges Empty { get; } = new() { Accounts = [], Deleted = [], StorageWipes = [], Storage = [], Code = [] };
}
