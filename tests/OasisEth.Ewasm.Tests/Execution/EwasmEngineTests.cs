using OasisEth.Ewasm.Execution;
using Wasmtime;

namespace OasisEth.Ewasm.Tests.Execution;

[TestFixture]
public sealed class EwasmEngineTests
{
    private static readonly EwasmEngine Engine = EwasmEngine.Instance;

    private static TrapCode? RunMain(string wat, ulong fuel, out ulong fuelLeft)
    {
        using var module = Module.FromText(Engine.Engine, "t", wat);
        using var store = new Store(Engine.Engine);
        store.Fuel = fuel;
        using var linker = new Linker(Engine.Engine);
        TrapCode? trap = null;
        var fiber = new Fiber<object, object>();
        fiber.Start(_ =>
        {
            Instance instance = linker.Instantiate(store, module);
            try
            {
                instance.GetAction("main")!();
            }
            catch (TrapException e)
            {
                trap = e.Type;
            }
        });
        fuelLeft = store.Fuel;
        return trap;
    }

    [Test]
    public void An_endless_loop_ends_out_of_fuel_with_the_fuel_all_spent()
    {
        TrapCode? trap = RunMain("(module (func (export \"main\") (loop $l (br $l))))", 1_000_000, out ulong left);
        Assert.That(trap, Is.EqualTo(TrapCode.OutOfFuel));
        Assert.That(left, Is.Zero);
    }

    [Test]
    public void Fuel_spent_is_the_same_on_every_run()
    {
        const string wat = "(module (func (export \"main\") (local i32) (loop $l (local.set 0 (i32.add (local.get 0) (i32.const 1))) (br_if $l (i32.lt_u (local.get 0) (i32.const 1000))))))";
        Assert.That(RunMain(wat, 1_000_000, out ulong first), Is.Null);
        Assert.That(RunMain(wat, 1_000_000, out ulong second), Is.Null);
        Assert.That(first, Is.EqualTo(second));
        Assert.That(1_000_000 - first, Is.InRange(5_000UL, 10_000UL));
    }

    [Test]
    public void Unbounded_recursion_inside_wasm_traps_with_a_stack_overflow_instead_of_crashing()
    {
        TrapCode? trap = RunMain("(module (func $f (export \"main\") (call $f)))", ulong.MaxValue / 2, out _);
        Assert.That(trap, Is.EqualTo(TrapCode.StackOverflow));
    }

    [Test]
    public void Modules_using_features_beyond_WebAssembly_1_do_not_compile()
    {
        Assert.Throws<WasmtimeException>(() => Module.FromText(Engine.Engine, "simd", "(module (func (drop (v128.const i64x2 0 0))))"));
        Assert.Throws<WasmtimeException>(() => Module.FromText(Engine.Engine, "bulk", "(module (memory 1) (func (memory.fill (i32.const 0) (i32.const 0) (i32.const 0))))"));
    }

    [Test]
    public void The_cache_compiles_a_contract_once()
    {
        var cache = new ContractCache(Engine);
        byte[] code = Wat.Contract();
        CompiledContract first = cache.Get(code);
        CompiledContract second = cache.Get(code);
        Assert.That(first.Error, Is.Null);
        Assert.That(second, Is.SameAs(first));
        Assert.That(cache.Compilations, Is.EqualTo(1));
    }

    [Test]
    public void The_cache_keeps_the_reason_a_contract_is_invalid()
    {
        var cache = new ContractCache(Engine);
        CompiledContract bad = cache.Get(Wat.Contract(fields: "(func $s) (start $s)"));
        Assert.That(bad.Error, Does.Contain("start function"));
        CompiledContract unloadable = cache.Get(Convert.FromHexString("0061736d01000000010401600000030201000a0601040001010b07080200046d61696e0000"));
        Assert.That(unloadable.Error, Is.Not.Null);
        Assert.That(cache.Get(Wat.Contract(fields: "(func $s) (start $s)")), Is.SameAs(bad));
    }

    [Test]
    public void The_cache_drops_the_least_recently_used_contract_past_its_bound()
    {
        byte[] a = Wat.Contract("(nop)"), b = Wat.Contract("(nop) (nop)"), c = Wat.Contract("(nop) (nop) (nop)");
        var cache = new ContractCache(Engine, maxCodeBytes: a.Length + c.Length);
        cache.Get(a);
        cache.Get(b);
        cache.Get(a);
        cache.Get(c); // evicts b, the least recently used
        Assert.That(cache.Count, Is.EqualTo(2));
        cache.Get(a);
        Assert.That(cache.Compilations, Is.EqualTo(3));
        cache.Get(b);
        Assert.That(cache.Compilations, Is.EqualTo(4));
    }
}
