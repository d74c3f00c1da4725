using OasisEth.Evm;
using OasisEth.Evm.Precompiles;
using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Transactions;

/// <summary>
/// The execution engines' host (<see cref="IHost"/>, and the frame loop's <see cref="IFrameHost"/>) over a world
/// state: the one place where an opcode's question becomes world-state calls. Bound to one state, block and
/// transaction context per execution (<see cref="Bind"/>) and reused, so executing a transaction allocates no host.
/// </summary>
public sealed class WorldStateHost : IFrameHost
{
    private IWorldState _state = null!;
    private BlockContext _block = null!;
    private TxContext _tx = null!;
    private Fork _fork;

    /// <summary>Points the host at <paramref name="state"/> for one execution under <paramref name="fork"/>; returns itself.</summary>
    public WorldStateHost Bind(IWorldState state, BlockContext block, TxContext tx, Fork fork)
    {
        _state = state; _block = block; _tx = tx; _fork = fork;
        return this;
    }

    public IWorldState State => _state;

    // ---- IHost ----------------------------------------------------------------------------------
    public BlockContext Block => _block;
    public TxContext Tx => _tx;
    public Hash256 GetBlockHash(ulong number) => _block.BlockHash(number);

    /// <remarks>EIP-2929 makes the fork's precompiles warm for the whole transaction. Answered here rather than by adding
    /// them to the access set at every transaction's start (18 set insertions and journal entries, a tenth of a small
    /// transaction's time).</remarks>
    public bool AccessAccount(in Address address) => !PrecompileSet.IsPrecompile(address, _fork) && _state.WarmUpAccount(address);
    public bool AccountExists(in Address address) => _state.Exists(address);
    public bool IsDead(in Address address) => _state.IsDead(address);
    public UInt256 GetBalance(in Address address) => _state.GetBalance(address);
    public byte[] GetCode(in Address address) => _state.GetCode(address);
    public int GetCodeSize(in Address address) => _state.GetCode(address).Length;
    public Hash256 GetCodeHash(in Address address)
    {
        // An account with code is never dead, so only an empty-code account needs the EIP-161 check.
        Hash256 hash = _state.GetCodeHash(address);
        return hash == Hash256.EmptyCode && _state.IsDead(address) ? Hash256.Zero : hash;
    }

    public StorageRead LoadStorage(in Address address, in UInt256 key)
    {
        UInt256 value = _state.AccessStorage(address, key, out bool wasCold);
        return new StorageRead(value, wasCold);
    }

    public StorageWrite StoreStorage(in Address address, in UInt256 key, in UInt256 value)
    {
        bool wasCold = _state.WarmUpStorage(address, key);
        _state.WriteStorage(address, key, value, out UInt256 present, out UInt256 original);
        return new StorageWrite(StorageStatusRules.Classify(in original, in present, in value), wasCold);
    }

    public UInt256 LoadTransient(in Address address, in UInt256 key) => _state.GetTransientStorage(address, key);
    public void StoreTransient(in Address address, in UInt256 key, in UInt256 value) => _state.SetTransientStorage(address, key, value);

    public void EmitLog(LogEntry log) => _state.AddLog(log);

    public bool SelfDestruct(in Address address, in Address beneficiary, bool onlyIfCreated)
    {
        bool first = !_state.IsSelfDestructed(address);
        UInt256 balance = _state.GetBalance(address);
        if (onlyIfCreated)
        {
            _state.SubtractBalance(address, balance);
            _state.AddBalance(beneficiary, balance);
            if (_state.IsCreatedInTransaction(address))
            {
                // Deleted at the end of the transaction; a balance sent to itself is burned with it.
                _state.SubtractBalance(address, _state.GetBalance(address));
                _state.MarkSelfDestructed(address);
            }
        }
        else
        {
            _state.AddBalance(beneficiary, balance);
            _state.SubtractBalance(address, _state.GetBalance(address));
            _state.MarkSelfDestructed(address);
        }
        return first;
    }

    // ---- IFrameHost -----------------------------------------------------------------------------
    public int TakeSnapshot() => _state.TakeSnapshot();
    public void Restore(int snapshot) => _state.Restore(snapshot);
    public ulong GetNonce(in Address address) => _state.GetNonce(address);
    public void SetNonce(in Address address, ulong nonce) => _state.SetNonce(address, nonce);
    public void AddBalance(in Address address, in UInt256 amount) => _state.AddBalance(address, amount);
    public void SubtractBalance(in Address address, in UInt256 amount) => _state.SubtractBalance(address, amount);
    public bool HasStorage(in Address address) => _state.HasStorage(address);
    public void CreateContractAccount(in Address address) => _state.CreateContractAccount(address);
    public void SetCode(in Address address, byte[] code) => _state.SetCode(address, code);
    public UInt256 PeekStorage(in Address address, in UInt256 key) => _state.GetStorage(address, key);
    public IReadOnlyList<LogEntry> Logs => _state.Logs;
}
