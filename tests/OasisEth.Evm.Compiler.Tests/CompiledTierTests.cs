using OasisEth.Evm.CodeAnalysis;
using OasisEth.Evm.Specs;
using OasisEth.Evm.Tracing;
using OasisEth.Primitives;
using OasisEth.Transactions;

namespace OasisEth.Evm.Compiler.Tests;

/// <summary>
/// The compiled tier's exactness rules, one behaviour each, always against the interpreter on the same program:
/// out of gas at the interpreter's instruction, GAS seeing the interpreter's gas inside a segment, a frame resumed
/// after a child, hand-overs to the interpreter, the interrupt, tracing, and the auto tier.
/// </summary>
public class CompiledTierTests
{
    private static readonly Address Target = EvmTestHost.Contract;

    private static (TierRunner.Outcome Interpreted, TierRunner.Outcome Compiled) Both(byte[] code, ulong gas,
        Action<EvmTestHost>? more = null, CancellationToken interrupt = default, CompiledCodeCache? cache = null)
    {
        void Deploy(EvmTestHost host)
        {
            host.Deploy(Target, code);
            more?.Invoke(host);
        }
        return (TierRunner.Run(EvmTier.Interpreter, Fork.Cancun, Deploy, Target, [], gas, 0, interrupt),
            TierRunner.Run(EvmTier.Compiled, Fork.Cancun, Deploy, Target, [], gas, 0, interrupt, cache));
    }

    private static void AssertSame((TierRunner.Outcome Interpreted, TierRunner.Outcome Compiled) runs, string what)
    {
        Assert.That(TierRunner.Describe(runs.Compiled), Is.EqualTo(TierRunner.Describe(runs.Interpreted)), what);
    }

    [Test]
    public void Out_of_gas_anywhere_in_a_segment_is_the_interpreters_outcome()
    {
        // SSTORE(1, 1), then a long segment of arithmetic, then SSTORE(2, 2): for every gas limit around the point where
        // the segment stops fitting, status, gas used and state must match.
        var code = new Bytecode().Store(1, 1);
        for (int i = 0; i < 40; i++) code.Push((ulong)i).Op(Opcode.ADD);
        code.Store(2, 2);
        byte[] program = new Bytecode().Push(0).Raw(code.Build()).Build();
        var full = Both(program, 200_000);
        Assert.That(full.Interpreted.Result.Success, Is.True);
        ulong needed = full.Interpreted.Result.GasUsed;
        // Every limit across the end of the arithmetic segment and the start of the second store, the rest of that
        // store's 22,100 in strides, then every limit at the very end (one compilation serves every run).
        var cache = new CompiledCodeCache();
        ulong from = needed - 22_300;
        for (ulong gas = from; gas <= needed + 2; gas += gas < from + 600 || gas + 16 > needed ? 1UL : 97UL)
            AssertSame(Both(program, gas, cache: cache), $"gas limit {gas}");
        Assert.That(cache.Compilations, Is.EqualTo(1));
    }

    [Test]
    public void A_dynamic_charge_mid_segment_fails_or_hands_over_where_the_interpreter_fails()
    {
        // One segment: a memory expansion (MSTORE at 1024), a RETURNDATACOPY past the (empty) return data, then 40
        // additions. With gas for the expansion but not for the additions charged up front, the interpreter fails at the
        // RETURNDATACOPY, not out of gas: every limit across that range must give its outcome.
        var code = new Bytecode().Push(0).Push(7).Push(1024).Op(Opcode.MSTORE).Push(1).Push(0).Push(0).Op(Opcode.RETURNDATACOPY);
        for (int i = 0; i < 40; i++) code.Push((ulong)i).Op(Opcode.ADD);
        byte[] program = code.Op(Opcode.STOP).Build();
        var errors = new HashSet<string>();
        long handedOver = 0;
        for (ulong gas = 21_000; gas <= 21_450; gas++)
        {
            var runs = Both(program, gas);
            AssertSame(runs, $"gas limit {gas}");
            errors.Add(runs.Compiled.Result.Error ?? "success");
            handedOver += runs.Compiled.Engine!.InterpretedRuns;
        }
        Assert.That(errors, Is.SupersetOf(new[] { "out of gas", "return data out of bounds" }));
        Assert.That(handedOver, Is.GreaterThan(0), "some limits covered the expansion but not the additions");
    }

    [Test]
    public void Shifts_and_powers_of_two_by_constants_compute_what_the_interpreter_computes()
    {
        // SHL/SHR/SAR by a constant amount, DIV and MUL by a constant power of two (either side), over words the compiler
        // cannot see (loaded from memory), each result stored.
        UInt256[] words = [UInt256.One, new(0x8000000000000001), new(0, 0, 0, 0x8000000000000000), UInt256.MaxValue];
        UInt256[] constants = [UInt256.Zero, UInt256.One, new(2), new(63), new(64), new(255), new(256), new(1UL << 40), new(0, 1), new(0, 0, 0, 0x8000000000000000), UInt256.MaxValue];
        // A jump first: code without one, too large for one method, would run interpreted.
        var code = new Bytecode().Push(3).Op(Opcode.JUMP).Op(Opcode.JUMPDEST);
        ulong slot = 0;
        foreach (UInt256 word in words)
        {
            code.Push(word).Push(0).Op(Opcode.MSTORE);
            foreach (UInt256 constant in constants)
            {
                foreach (Opcode op in new[] { Opcode.SHL, Opcode.SHR, Opcode.SAR, Opcode.DIV, Opcode.MUL })
                {
                    // The constant on top (the shift amount; MUL's first factor) ...
                    code.Push(0).Op(Opcode.MLOAD).Push(constant).Op(op).Push(slot++).Op(Opcode.SSTORE);
                    // ... and second (DIV's divisor, MUL's second factor).
                    code.Push(constant).Push(0).Op(Opcode.MLOAD).Op(op).Push(slot++).Op(Opcode.SSTORE);
                }
            }
        }
        var runs = Both(code.Op(Opcode.STOP).Build(), 30_000_000);
        AssertSame(runs, "constant shifts");
        Assert.That(runs.Compiled.Result.Success, Is.True);
        Assert.That(runs.Compiled.Engine!.CompiledRuns, Is.EqualTo(1));
        Assert.That(runs.Compiled.Engine.InterpretedRuns, Is.Zero);
    }

    [Test]
    public void Gas_inside_a_segment_reads_what_the_interpreter_reads()
    {
        // GAS is mid-segment: the gas it pushes must include nothing charged for the instructions after it.
        byte[] program = new Bytecode().Push(5).Push(6).Op(Opcode.GAS).Push(0).Op(Opcode.SSTORE)
            .Op(Opcode.ADD).Push(1).Op(Opcode.SSTORE).Op(Opcode.STOP).Build();
        var runs = Both(program, 100_000);
        Assert.That(runs.Compiled.Engine!.CompiledRuns, Is.EqualTo(1));
        AssertSame(runs, "gas stored at slot 0");
    }

    [Test]
    public void A_frame_resumes_in_compiled_code_after_its_child()
    {
        byte[] child = new Bytecode().Push(42).Push(0).Op(Opcode.MSTORE).Push(32).Push(0).Op(Opcode.RETURN).Build();
        byte[] parent = new Bytecode().Op(Opcode.PUSH0)
            .Call(Opcode.STATICCALL, 50_000, EvmTestHost.A, retOffset: 0, retSize: 32)
            .Push(0).Op(Opcode.MLOAD).Op(Opcode.ADD).Push(0).Op(Opcode.SSTORE).Op(Opcode.STOP).Build();
        var runs = Both(parent, 200_000, host => host.Deploy(EvmTestHost.A, child));
        AssertSame(runs, "child output added to the success flag and stored");
        // Parent start, child, parent resumed: three runs of compiled code, none handed over.
        Assert.That(runs.Compiled.Engine!.CompiledRuns, Is.EqualTo(3));
        Assert.That(runs.Compiled.Engine.InterpretedRuns, Is.Zero);
    }

    [Test]
    public void A_failed_segment_check_hands_the_frame_to_the_interpreter_which_fails_it_exactly()
    {
        // Stack underflow in the middle of a segment: SSTORE first (undone by the failure), then ADD on one item.
        byte[] program = new Bytecode().Store(1, 1).Push(1).Op(Opcode.ADD).Op(Opcode.STOP).Build();
        var runs = Both(program, 100_000);
        AssertSame(runs, "stack underflow");
        Assert.That(runs.Compiled.Result.Error, Is.EqualTo("stack underflow"));
        Assert.That(runs.Compiled.Engine!.InterpretedRuns, Is.EqualTo(1));
    }

    [Test]
    public void Constant_and_computed_jumps_land_where_the_interpreter_lands()
    {
        // A counted loop (backward PUSH/JUMPI), a computed forward jump, and a bad computed jump at the end.
        var code = new Bytecode().Push(10); // counter
        int loop = code.Length;
        code.Op(Opcode.JUMPDEST).Push(1).Op(Opcode.SWAP1).Op(Opcode.SUB).Op(Opcode.DUP1).Push((ulong)loop).Op(Opcode.JUMPI);
        int afterJumpAt = code.Length + 2 + 2 + 1 + 1 + 1; // PUSH1, PUSH1, ADD, JUMP, INVALID
        code.Push(1).Push((ulong)afterJumpAt - 1).Op(Opcode.ADD).Op(Opcode.JUMP).Op(Opcode.INVALID);
        Assert.That(code.Length, Is.EqualTo(afterJumpAt));
        code.Op(Opcode.JUMPDEST).Op(Opcode.DUP1).Push(0).Op(Opcode.SSTORE).Push(3).Op(Opcode.JUMP);
        var runs = Both(code.Build(), 100_000);
        AssertSame(runs, "loop, computed jump, bad jump");
        Assert.That(runs.Compiled.Result.Error, Is.EqualTo("invalid jump destination"));
    }

    [Test]
    public void An_interrupt_stops_a_compiled_endless_loop()
    {
        byte[] loop = new Bytecode().Op(Opcode.JUMPDEST).Push(0).Op(Opcode.JUMP).Build();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var run = TierRunner.Run(EvmTier.Compiled, Fork.Cancun, host => host.Deploy(Target, loop), Target, [], 1_000_000_000_000, 0, cts.Token);
        Assert.That(run.Result.Error, Is.EqualTo("execution aborted"));
        Assert.That(run.Engine!.CompiledRuns, Is.EqualTo(1));
    }

    [Test]
    public void With_a_tracer_the_interpreter_runs_every_frame()
    {
        var host = new EvmTestHost();
        host.Deploy(Target, new Bytecode().Store(1, 1).Op(Opcode.STOP).Build());
        var engine = new CompiledExecutionEngine(EvmTier.Compiled);
        var tx = new Transaction
        {
            Type = TxType.Legacy, Nonce = 0, GasPrice = UInt256.Zero, GasLimit = 100_000, To = Target, Data = [], Sender = EvmTestHost.Sender,
        };
        var steps = new StepCounter();
        var result = new TransactionProcessor(Fork.Cancun, null, engine).Execute(host.State, host.Block(100_000), tx, steps);
        Assert.That(result.Success, Is.True);
        Assert.That(steps.Steps, Is.EqualTo(4)); // PUSH1 PUSH1 SSTORE STOP
        Assert.That(engine.CompiledRuns + engine.InterpretedRuns, Is.Zero);
    }

    [Test]
    public void Code_of_many_segments_is_compiled_in_chunks_with_the_same_result()
    {
        // Far more segments than one method holds: JUMPDESTs, each starting a segment of a few instructions, a loop
        // jumping back across chunks, then a store. Run on from chunk to chunk, and a constant jump into an earlier chunk.
        var code = new Bytecode().Push(3); // loop counter
        int loop = code.Length;
        code.Op(Opcode.JUMPDEST);
        for (int i = 0; i < 2_000; i++) code.Op(Opcode.JUMPDEST).Push(1).Op(Opcode.POP).Push(2).Op(Opcode.POP).Push(3).Op(Opcode.POP);
        code.Push(1).Op(Opcode.SWAP1).Op(Opcode.SUB).Op(Opcode.DUP1).Push((ulong)loop).Op(Opcode.JUMPI);
        byte[] program = code.Store(1, 7).Op(Opcode.STOP).Build();
        var runs = Both(program, 1_000_000);
        AssertSame(runs, "large code");
        Assert.That(runs.Compiled.Result.Success, Is.True);
        Assert.That(runs.Compiled.Engine!.CompiledRuns, Is.EqualTo(1));
        Assert.That(runs.Compiled.Engine.InterpretedRuns, Is.Zero);
        CompiledContract compiled = Emit.ContractEmitter.Compile(new CodeInfo(program), ForkSpec.Of(Fork.Cancun), ChunkBounds.Default);
        Assert.That(compiled.ChunkCount, Is.GreaterThan(2));
    }

    [Test]
    public void Jump_dense_code_too_large_for_one_method_runs_interpreted_with_the_same_result()
    {
        // 2,000 JUMPDESTs, a segment each: its jumps would mostly cross chunks, so it is not compiled.
        var code = new Bytecode();
        for (int i = 0; i < 2_000; i++) code.Op(Opcode.JUMPDEST);
        byte[] program = code.Store(1, 7).Op(Opcode.STOP).Build();
        var runs = Both(program, 100_000);
        AssertSame(runs, "jump-dense code");
        Assert.That(runs.Compiled.Result.Success, Is.True);
        Assert.That(runs.Compiled.Engine!.CompiledRuns + runs.Compiled.Engine.InterpretedRuns, Is.Zero, "the loop's interpreter ran it");
        Assert.That(runs.Compiled.Engine.Cache.Compilations, Is.EqualTo(1), "decided once");
    }

    [Test]
    public void Code_without_jumps_too_large_for_one_method_runs_interpreted_with_the_same_result()
    {
        // 2,000 MLOADs straight through: each would run once per frame, so it is not compiled.
        var code = new Bytecode();
        for (int i = 0; i < 2_000; i++) code.Push((ulong)(i % 64) * 32).Op(Opcode.MLOAD).Op(Opcode.POP);
        byte[] program = code.Store(1, 7).Op(Opcode.STOP).Build();
        var runs = Both(program, 100_000);
        AssertSame(runs, "straight code");
        Assert.That(runs.Compiled.Result.Success, Is.True);
        Assert.That(runs.Compiled.Engine!.CompiledRuns + runs.Compiled.Engine.InterpretedRuns, Is.Zero, "the loop's interpreter ran it");
    }

    [Test]
    public void A_long_straight_run_is_compiled_in_pieces_checked_once()
    {
        // One straight run of 8,000 additions (of a word not known while compiling, so nothing folds), run twice by a
        // loop (code without jumps runs interpreted): far more than one method holds, so it is cut into pieces in several
        // chunks, checked and charged at the first. Every gas limit around the end must give the interpreter's outcome.
        var code = new Bytecode().Push(2); // loop counter
        int loop = code.Length;
        code.Op(Opcode.JUMPDEST).Op(Opcode.CALLDATASIZE);
        for (int i = 0; i < 8_000; i++) code.Op(Opcode.DUP1).Op(Opcode.ADD);
        code.Push(1).Op(Opcode.SSTORE);
        code.Push(1).Op(Opcode.SWAP1).Op(Opcode.SUB).Op(Opcode.DUP1).Push((ulong)loop).Op(Opcode.JUMPI);
        byte[] program = code.Op(Opcode.STOP).Build();
        var full = Both(program, 200_000);
        AssertSame(full, "long run");
        Assert.That(full.Compiled.Result.Success, Is.True);
        Assert.That(full.Compiled.Engine!.CompiledRuns, Is.EqualTo(1));
        Assert.That(full.Compiled.Engine.InterpretedRuns, Is.Zero);
        Assert.That(Emit.ContractEmitter.Compile(new CodeInfo(program), ForkSpec.Of(Fork.Cancun), ChunkBounds.Default).ChunkCount, Is.GreaterThan(1));
        ulong needed = full.Interpreted.Result.GasUsed;
        foreach (ulong gas in new[] { 21_000UL + 2, 21_000UL + 30_000, 21_000UL + 70_000, needed - 52_000, needed - 3_000, needed - 1, needed })
            AssertSame(Both(program, gas), $"gas limit {gas}");
    }

    [Test]
    public void Out_of_gas_in_a_run_of_jumpdests_is_the_interpreters_outcome()
    {
        // 40 JUMPDESTs run straight through, checked together; a store before and after; and a jump into the middle
        // of the run, which checks the rest of it. (One chunk: jump-dense code in several runs interpreted.)
        var code = new Bytecode().Store(1, 1);
        int middle = 0;
        for (int i = 0; i < 40; i++)
        {
            if (i == 20) middle = code.Length;
            code.Op(Opcode.JUMPDEST);
        }
        // Once: memory word 0 is zero the first time by, set before the jump.
        code.Store(2, 2).Push(0).Op(Opcode.MLOAD).Op(Opcode.ISZERO).Push(1).Push(0).Op(Opcode.MSTORE)
            .Push((ulong)middle).Op(Opcode.JUMPI).Store(3, 1).Op(Opcode.STOP);
        byte[] program = new Bytecode().Raw(code.Build()).Build();
        var full = Both(program, 200_000);
        Assert.That(full.Interpreted.Result.Success, Is.True);
        Assert.That(full.Compiled.Engine!.CompiledRuns, Is.EqualTo(1));
        Assert.That(full.Compiled.Engine.InterpretedRuns, Is.Zero);
        ulong needed = full.Interpreted.Result.GasUsed;
        for (ulong gas = needed - 22_500; gas <= needed + 2; gas += gas < needed - 22_000 || gas + 30 > needed ? 1UL : 211UL)
            AssertSame(Both(program, gas), $"gas limit {gas}");
    }

    [Test]
    public async Task The_auto_tier_compiles_code_once_it_is_hot()
    {
        var cache = new CompiledCodeCache();
        var code = new CodeInfo(new Bytecode().Push(1).Op(Opcode.POP).Build());
        ForkSpec spec = ForkSpec.Of(Fork.Cancun);
        for (int i = 1; i < CompiledCodeCache.HotThreshold; i++) Assert.That(cache.GetOrWarm(code, spec), Is.Null);
        Assert.That(cache.GetOrWarm(code, spec), Is.Null, "the hot frame itself still runs interpreted");
        await cache.Compiling(code, spec);
        Assert.That(cache.GetOrWarm(code, spec), Is.Not.Null);
        Assert.That(cache.Compilations, Is.EqualTo(1));
    }

    private sealed class StepCounter : ITxTracer
    {
        public int Steps;
        public void OnStep(int pc, Opcode opcode, long gas, long gasCost, long memorySize, ReadOnlySpan<UInt256> stack, int depth, long refund) => Steps++;
        public void OnError(string error) { }
        public void OnTransactionEnd(ReadOnlySpan<byte> output, long gasUsed, string? error) { }
    }
}
