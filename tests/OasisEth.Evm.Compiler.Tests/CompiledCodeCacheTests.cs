using OasisEth.Evm.CodeAnalysis;
using OasisEth.Evm.Specs;
using OasisEth.Primitives;

namespace OasisEth.Evm.Compiler.Tests;

/// <summary>The compiled code cache's memory bound: the oldest compilations go first, the newest always stays, and a
/// frame whose code is dropped while it waits for a child still resumes in that code.</summary>
public class CompiledCodeCacheTests
{
    private static CodeInfo Code(int pushes)
    {
        var code = new Bytecode();
        for (int i = 0; i < pushes; i++) code.Push((ulong)i + 1).Op(Opcode.POP);
        return new CodeInfo(code.Build());
    }

    [Test]
    public void Past_the_budget_the_oldest_compilations_are_dropped()
    {
        ForkSpec spec = ForkSpec.Of(Fork.Cancun);
        CodeInfo first = Code(50), second = Code(60), third = Code(70);
        long one = new CompiledCodeCache().GetOrCompile(first, spec).EstimatedBytes;
        // Room for about two of these.
        var cache = new CompiledCodeCache(one * 5 / 2);
        cache.GetOrCompile(first, spec);
        cache.GetOrCompile(second, spec);
        Assert.That(cache.Evictions, Is.Zero);
        cache.GetOrCompile(third, spec);
        Assert.That(cache.Peek(first, spec), Is.Null, "the oldest went");
        Assert.That(cache.Peek(third, spec), Is.Not.Null);
        Assert.That(cache.Evictions, Is.GreaterThanOrEqualTo(1));
        Assert.That(cache.KeptBytes, Is.LessThanOrEqualTo(cache.MemoryBudgetBytes));
        // Asked for again, the dropped code is compiled again.
        Assert.That(cache.GetOrCompile(first, spec), Is.Not.Null);
        Assert.That(cache.Compilations, Is.EqualTo(4));
    }

    [Test]
    public void A_budget_smaller_than_any_code_keeps_only_the_newest()
    {
        ForkSpec spec = ForkSpec.Of(Fork.Cancun);
        var cache = new CompiledCodeCache(1);
        CodeInfo a = Code(3), b = Code(4);
        cache.GetOrCompile(a, spec);
        cache.GetOrCompile(b, spec);
        Assert.That(cache.Peek(a, spec), Is.Null);
        Assert.That(cache.Peek(b, spec), Is.Not.Null);
        Assert.That(cache.Evictions, Is.EqualTo(1));
    }

    [Test]
    public void A_parent_whose_code_is_dropped_during_its_child_resumes_in_that_code()
    {
        // The child's compilation drops the parent's (budget of one byte); the parent still resumes compiled.
        byte[] child = new Bytecode().Push(42).Push(0).Op(Opcode.MSTORE).Push(32).Push(0).Op(Opcode.RETURN).Build();
        byte[] parent = new Bytecode().Op(Opcode.PUSH0)
            .Call(Opcode.STATICCALL, 50_000, EvmTestHost.A, retOffset: 0, retSize: 32)
            .Push(0).Op(Opcode.MLOAD).Op(Opcode.ADD).Push(0).Op(Opcode.SSTORE).Op(Opcode.STOP).Build();
        void Deploy(EvmTestHost host)
        {
            host.Deploy(EvmTestHost.Contract, parent);
            host.Deploy(EvmTestHost.A, child);
        }
        var cache = new CompiledCodeCache(1);
        var interpreted = TierRunner.Run(EvmTier.Interpreter, Fork.Cancun, Deploy, EvmTestHost.Contract, [], 200_000);
        var compiled = TierRunner.Run(EvmTier.Compiled, Fork.Cancun, Deploy, EvmTestHost.Contract, [], 200_000, cache: cache);
        Assert.That(TierRunner.Describe(compiled), Is.EqualTo(TierRunner.Describe(interpreted)));
        Assert.That(compiled.Result.Success, Is.True);
        Assert.That(cache.Evictions, Is.EqualTo(1));
        Assert.That(compiled.Engine!.CompiledRuns, Is.EqualTo(3));
        Assert.That(compiled.Engine.InterpretedRuns, Is.Zero);
    }
}
