using System.Buffers.Binary;
using OasisEth.Evm;
using OasisEth.Primitives;
using Wasmtime;

namespace OasisEth.Ewasm.Execution;

/// <summary>
/// The engine state of one Ewasm frame beside the loop's <see cref="CallFrame"/>: the Wasmtime store and instance,
/// the fiber its <c>main</c> runs on, and the outcome. Host functions (<see cref="EeiLinker"/>) run on that fiber
/// and reach the frame through the store's data; gas lives in <see cref="CallFrame.Gas"/> as for any frame.
/// </summary>
internal sealed partial class EwasmFrame
{
    // Far above what any contract of the suite runs (thousands of instructions), low enough that a stuck one ends in about a second.
    private const ulong ReferenceFuelCap = 1_000_000_000;

    private readonly EwasmExecutionEngine _engine;
    private Fiber<EwasmFrame, ChildOutcome>? _fiber;
    private ChildOutcome _pending;
    private Memory? _memory;
    private long _memoryPagesCharged;

    public EwasmFrame(EwasmExecutionEngine engine) => _engine = engine;

    public CallFrame Frame { get; private set; } = null!;

    private IHost Host => _engine.Host;

    private EeiPricing Pricing => _engine.Pricing;

    private bool Chain => _engine.Mode == MeteringMode.Chain;

    public ExitCode Exit { get; private set; }

    public string? FailureReason { get; private set; }

    public void Enter(CallFrame frame)
    {
        Frame = frame;
        _fiber = null;
        _memory = null;
        _memoryPagesCharged = 0;
        Exit = ExitCode.Running;
        FailureReason = null;
    }

    /// <summary>Runs the frame (first time) or resumes it with the outcome of its child, until it halts or asks for another child.</summary>
    public ExitCode Run()
    {
        if (_fiber is null)
        {
            _fiber = new Fiber<EwasmFrame, ChildOutcome>();
            _fiber.Start(_ => Body());
        }
        else
        {
            _fiber.Resume(_pending);
        }
        if (!_fiber.IsCompleted) return ExitCode.ChildRequested;
        if (!Exit.IsSuccess() && Exit != ExitCode.Revert) Frame.Gas = 0;
        return Exit;
    }

    public void DeliverChild(in ChildOutcome outcome) => _pending = outcome;

    /// <summary>The loop is done with the frame (or gave up on it): a fiber still waiting is unwound.</summary>
    public void Leave()
    {
        _fiber?.Abandon();
        _fiber = null;
        _memory = null;
    }

    private void Body()
    {
        CompiledContract contract = _engine.Contracts.Get(Frame.Code.Code);
        if (contract.Error is not null)
        {
            Fail(ExitCode.InvalidWasmContract, contract.Error);
            return;
        }
        using var store = new Store(_engine.Wasm.Engine, this);
        store.SetLimits(memorySize: (long)Validation.ContractLimits.MaxMemoryPages * 65_536,
            tableElements: Validation.ContractLimits.MaxTableElements, instances: 1, tables: 1, memories: 1);
        try
        {
            if (Chain)
            {
                Charge(contract.Shape!.InitialMemoryPages * EeiPricing.MemoryPageGas);
                _memoryPagesCharged = contract.Shape.InitialMemoryPages;
                store.Fuel = (ulong)Frame.Gas;
            }
            else
            {
                store.Fuel = ReferenceFuelCap;
            }
            Instance instance = _engine.Linker.Instantiate(store, contract.Module!);
            _memory = instance.GetMemory("memory");
            Action main = instance.GetAction("main") ?? throw new EwasmHalt(ExitCode.InvalidWasmContract, "no main");
            main();
            if (Chain)
            {
                Frame.Gas = (long)store.Fuel;
                ChargeMemoryGrowth();
            }
            Exit = ExitCode.Stop;
            Frame.Output = [];
        }
        catch (Exception e) when (Find<FiberAbandonedException>(e) is not null)
        {
            throw new FiberAbandonedException();
        }
        catch (Exception e) when (Find<EwasmHalt>(e) is { } halt)
        {
            if (halt.Exit is ExitCode.Return or ExitCode.Revert or ExitCode.Stop) Exit = halt.Exit;
            else Fail(halt.Exit, halt.Message);
        }
        catch (TrapException e)
        {
            Fail(e.Type == TrapCode.OutOfFuel ? ExitCode.OutOfGas : ExitCode.WasmTrap, e.Type.ToString());
        }
        catch (WasmtimeException e)
        {
            // Instantiation refused (a data segment out of bounds, a memory over the store's limit).
            Fail(ExitCode.WasmTrap, e.Message);
        }
        finally
        {
            _memory = null;
        }
    }

    private void Fail(ExitCode exit, string reason)
    {
        Exit = exit;
        FailureReason = reason;
        Frame.Output = [];
        Frame.Gas = 0;
    }

    private static T? Find<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException)
            if (e is T found) return found;
        return null;
    }

    // ---- gas -----------------------------------------------------------------------------------

    private void Charge(long gas)
    {
        if (gas > Frame.Gas) throw EwasmHalt.OutOfGas();
        Frame.Gas -= gas;
    }

    /// <summary>The frame a host function runs for. Chain metering: it first takes what the instructions since the
    /// last host call burned (Wasmtime's fuel is the gas left) and what memory grew by.</summary>
    public static EwasmFrame In(Caller caller)
    {
        var frame = (EwasmFrame)caller.GetData()!;
        if (frame.Chain)
        {
            frame.Frame.Gas = (long)caller.Fuel;
            frame.ChargeMemoryGrowth();
        }
        return frame;
    }

    /// <summary>Back to wasm: in chain metering the gas left becomes the fuel.</summary>
    public void Out(Caller caller)
    {
        if (Chain) caller.Fuel = (ulong)Math.Max(Frame.Gas, 0);
    }

    private void ChargeMemoryGrowth()
    {
        if (_memory is null) return;
        long pages = _memory.GetSize();
        if (pages <= _memoryPagesCharged) return;
        Charge((pages - _memoryPagesCharged) * EeiPricing.MemoryPageGas);
        _memoryPagesCharged = pages;
    }

    private static long Words(uint length) => ((long)length + 31) / 32;

    // ---- memory --------------------------------------------------------------------------------

    /// <summary>A checked range of the contract's memory (offsets are unsigned 32-bit, as the EEI defines them).</summary>
    private Span<byte> Memory(int offset, int length, string what)
    {
        ulong start = (uint)offset, size = (uint)length;
        Memory memory = _memory ?? throw EwasmHalt.Memory(what);
        if (start + size > (ulong)memory.GetLength()) throw EwasmHalt.Memory(what);
        return size == 0 ? Span<byte>.Empty : memory.GetSpan((long)start, (int)size);
    }

    private Address LoadAddress(int offset) => new(Memory(offset, Address.Size, "address"));

    private UInt256 LoadBytes32(int offset) => UInt256.FromBigEndian(Memory(offset, 32, "bytes32"));

    private UInt256 LoadU128(int offset)
    {
        Span<byte> raw = Memory(offset, 16, "u128");
        return new UInt256(BinaryPrimitives.ReadUInt64LittleEndian(raw), BinaryPrimitives.ReadUInt64LittleEndian(raw[8..]));
    }

    private void StoreU128(in UInt256 value, int offset)
    {
        if (value.u2 != 0 || value.u3 != 0) throw EwasmHalt.OutOfRange("a value over 128 bits");
        Span<byte> raw = Memory(offset, 16, "u128");
        BinaryPrimitives.WriteUInt64LittleEndian(raw, value.u0);
        BinaryPrimitives.WriteUInt64LittleEndian(raw[8..], value.u1);
    }

    private void StoreU256(in UInt256 value, int offset)
    {
        Span<byte> raw = Memory(offset, 32, "u256");
        BinaryPrimitives.WriteUInt64LittleEndian(raw, value.u0);
        BinaryPrimitives.WriteUInt64LittleEndian(raw[8..], value.u1);
        BinaryPrimitives.WriteUInt64LittleEndian(raw[16..], value.u2);
        BinaryPrimitives.WriteUInt64LittleEndian(raw[24..], value.u3);
    }

    /// <summary>Copies <paramref name="source"/>[<paramref name="sourceOffset"/>..+<paramref name="length"/>] into
    /// memory; unlike EVM's copies, a range past the source's end traps instead of reading zeros.</summary>
    private void CopyOut(ReadOnlySpan<byte> source, int sourceOffset, int destination, int length, string what)
    {
        ulong start = (uint)sourceOffset, size = (uint)length;
        if (start + size > (ulong)source.Length) throw EwasmHalt.Memory(what + " source");
        source.Slice((int)start, (int)size).CopyTo(Memory(destination, length, what));
    }
}
