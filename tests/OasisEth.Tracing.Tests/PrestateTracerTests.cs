using System.Text.Json;
using OasisEth.Primitives;
using static OasisEth.Tests.Shared.EvmTestHost;
using static OasisEth.Tracing.Tests.TraceHost;

namespace OasisEth.Tracing.Tests;

/// <summary>
/// The prestateTracer against hand-built states (gas price 0, so fees move no balance): what it lists, the values it
/// reads before the transaction changes them, and diffMode's pre/post rules for changed, created, deleted and cleared
/// state.
/// </summary>
public class PrestateTracerTests
{
    private static readonly string SenderKey = Sender.ToString();

    private static JsonElement Trace(TraceHost host, Address? to, byte[]? data = null, bool diff = false, ulong value = 0, ulong gas = 200_000,
        PrestateTracerOptions? options = null)
    {
        var tracer = new PrestateTracer(options ?? new PrestateTracerOptions { DiffMode = diff });
        string json = host.Trace(tracer, to, data, gas, value);
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    private static string Key(Address a) => a.ToString();

    [Test]
    public void Lists_sender_recipient_coinbase_and_touched_slots_with_their_values_before_the_transaction()
    {
        var host = new TraceHost();
        // Writes slot 1 := 9 then reads slot 1 and slot 2 (empty).
        host.Deploy(A, new Bytecode().Store(1, 9).Push(1).Op(Opcode.SLOAD).Op(Opcode.POP).Push(2).Op(Opcode.SLOAD).Op(Opcode.POP).Op(Opcode.STOP).Build(),
            new UInt256(3), (1, 5));
        JsonElement pre = Trace(host, A);
        // The sender before its nonce was bumped: nonce 0, left out as geth leaves it out.
        Assert.That(pre.GetProperty(SenderKey).TryGetProperty("nonce", out _), Is.False);
        Assert.That(pre.GetProperty(SenderKey).GetProperty("balance").GetString(), Is.EqualTo("0xd3c21bcecceda1000000"));
        Assert.That(pre.GetProperty(SenderKey).TryGetProperty("code", out _), Is.False, "an account without code has no code field");
        JsonElement a = pre.GetProperty(Key(A));
        Assert.That(a.GetProperty("balance").GetString(), Is.EqualTo("0x3"));
        Assert.That(a.GetProperty("nonce").GetInt32(), Is.EqualTo(1));
        Assert.That(a.GetProperty("code").GetString(), Does.StartWith("0x6009"));
        // Slot 1 as it was before the SSTORE, slot 2 listed with its zero (non-diff mode keeps zero slots).
        Assert.That(a.GetProperty("storage").GetProperty(Word(1)).GetString(), Is.EqualTo(Word(5)));
        Assert.That(a.GetProperty("storage").GetProperty(Word(2)).GetString(), Is.EqualTo(Word(0)));
        Assert.That(pre.TryGetProperty(Key(Coinbase), out _), Is.True, "the coinbase is read at the start, as geth does");
    }

    [Test]
    public void Accounts_read_by_balance_and_extcodehash_are_listed_and_a_callee_shows_its_balance_before_the_value_moved()
    {
        var host = new TraceHost();
        host.Deploy(A, new Bytecode().Push(B).Op(Opcode.BALANCE).Op(Opcode.POP).Push(C).Op(Opcode.EXTCODEHASH).Op(Opcode.POP)
            .Call(Opcode.CALL, 5_000, C, value: 4).Op(Opcode.POP).Op(Opcode.STOP).Build(), new UInt256(10));
        host.Deploy(B, [], new UInt256(7));
        host.Deploy(C, [0x00], new UInt256(1));
        JsonElement pre = Trace(host, A);
        Assert.That(pre.GetProperty(Key(B)).GetProperty("balance").GetString(), Is.EqualTo("0x7"));
        Assert.That(pre.GetProperty(Key(C)).GetProperty("balance").GetString(), Is.EqualTo("0x1"), "before the CALL's 4 arrived");
        Assert.That(pre.GetProperty(Key(A)).GetProperty("balance").GetString(), Is.EqualTo("0xa"), "before the CALL's 4 left");
    }

    [Test]
    public void Diff_mode_shows_changed_fields_only_and_leaves_zero_slots_out_of_both_sides()
    {
        var host = new TraceHost();
        // slot 1: 5 → 0 (cleared), slot 2: 0 → 9 (set), slot 3: 4 → 4 (rewritten, unchanged), then 2 wei to B.
        host.Deploy(A, new Bytecode().Store(1, 0).Store(2, 9).Store(3, 4).Call(Opcode.CALL, 0, B, value: 2).Op(Opcode.POP).Op(Opcode.STOP).Build(),
            new UInt256(10), (1, 5), (3, 4));
        host.Deploy(B, [], new UInt256(1));
        JsonElement diff = Trace(host, A, diff: true);
        JsonElement pre = diff.GetProperty("pre"), post = diff.GetProperty("post");
        JsonElement preA = pre.GetProperty(Key(A)), postA = post.GetProperty(Key(A));
        // pre: the whole account (balance, code, nonce) and the changed slots with a non-zero old value.
        Assert.That(preA.GetProperty("balance").GetString(), Is.EqualTo("0xa"));
        Assert.That(preA.TryGetProperty("code", out _), Is.True);
        Assert.That(preA.GetProperty("storage").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { Word(1) }));
        // post: only what changed: the balance and the slot that holds a non-zero value now.
        Assert.That(postA.GetProperty("balance").GetString(), Is.EqualTo("0x8"));
        Assert.That(postA.TryGetProperty("code", out _), Is.False);
        Assert.That(postA.TryGetProperty("nonce", out _), Is.False);
        Assert.That(postA.GetProperty("storage").EnumerateObject().Select(p => (p.Name, p.Value.GetString())), Is.EqualTo(new[] { (Word(2), Word(9)) }));
        Assert.That(post.GetProperty(Key(B)).GetProperty("balance").GetString(), Is.EqualTo("0x3"));
        Assert.That(post.GetProperty(SenderKey).GetProperty("nonce").GetUInt64(), Is.EqualTo(1));
        Assert.That(pre.TryGetProperty(Key(Coinbase), out _), Is.False, "the coinbase got nothing at gas price 0: unchanged, not listed");
    }

    [Test]
    public void Diff_mode_lists_a_created_contract_only_in_post()
    {
        var host = new TraceHost();
        // Init code: SSTORE(0, 1), return one byte 0x00 of runtime code.
        byte[] init = new Bytecode().Store(0, 1).Push(1).Push(0).Op(Opcode.RETURN).Build();
        Address created = ContractAddress.FromCreate(Sender, 0);
        JsonElement diff = Trace(host, null, init, diff: true);
        Assert.That(diff.GetProperty("pre").TryGetProperty(Key(created), out _), Is.False);
        JsonElement post = diff.GetProperty("post").GetProperty(Key(created));
        Assert.That(post.GetProperty("code").GetString(), Is.EqualTo("0x00"));
        Assert.That(post.GetProperty("nonce").GetInt32(), Is.EqualTo(1));
        Assert.That(post.TryGetProperty("balance", out _), Is.False, "0 before (as empty) and after");
        Assert.That(post.GetProperty("storage").GetProperty(Word(0)).GetString(), Is.EqualTo(Word(1)));
        // Non-diff mode: a contract that did not exist before has no prestate at all.
        var again = new TraceHost();
        Assert.That(Trace(again, null, init).TryGetProperty(Key(created), out _), Is.False);
    }

    [Test]
    public void Diff_mode_keeps_a_deleted_account_in_pre_only_and_reads_a_beneficiary_before_the_balance_moved()
    {
        // Before EIP-6780 SELFDESTRUCT deletes a contract made in an earlier transaction.
        var host = new TraceHost { Fork = Fork.Shanghai };
        host.Deploy(C, new Bytecode().Push(B).Op(Opcode.SELFDESTRUCT).Build(), new UInt256(5), (7, 8));
        host.Deploy(B, [], new UInt256(2));
        JsonElement pre = Trace(host, C);
        Assert.That(pre.GetProperty(Key(B)).GetProperty("balance").GetString(), Is.EqualTo("0x2"),
            "first seen in the SELFDESTRUCT frame, after the 5 arrived: read as it was before");
        JsonElement diff = Trace(new TraceHost { Fork = Fork.Shanghai }.With(h =>
        {
            h.Deploy(C, new Bytecode().Push(B).Op(Opcode.SELFDESTRUCT).Build(), new UInt256(5), (7, 8));
            h.Deploy(B, [], new UInt256(2));
        }), C, diff: true);
        Assert.That(diff.GetProperty("pre").GetProperty(Key(C)).GetProperty("balance").GetString(), Is.EqualTo("0x5"));
        Assert.That(diff.GetProperty("post").TryGetProperty(Key(C), out _), Is.False);
        Assert.That(diff.GetProperty("post").GetProperty(Key(B)).GetProperty("balance").GetString(), Is.EqualTo("0x7"));
    }

    [Test]
    public void Contract_created_and_destroyed_in_one_transaction_is_in_neither_side()
    {
        var host = new TraceHost(); // Cancun: EIP-6780 deletes a contract destroyed in the transaction that made it
        // Init code: SELFDESTRUCT to B during construction.
        byte[] init = new Bytecode().Push(B).Op(Opcode.SELFDESTRUCT).Build();
        Address created = ContractAddress.FromCreate(Sender, 0);
        JsonElement diff = Trace(host, null, init, diff: true, value: 3);
        Assert.That(diff.GetProperty("pre").TryGetProperty(Key(created), out _), Is.False);
        Assert.That(diff.GetProperty("post").TryGetProperty(Key(created), out _), Is.False);
        Assert.That(diff.GetProperty("post").GetProperty(Key(B)).GetProperty("balance").GetString(), Is.EqualTo("0x3"));
    }

    [Test]
    public void Reverted_writes_are_listed_as_touched_but_are_no_change()
    {
        var host = new TraceHost();
        host.Deploy(A, new Bytecode().Call(Opcode.CALL, 50_000, B).Op(Opcode.POP).Op(Opcode.STOP).Build());
        host.Deploy(B, new Bytecode().Store(1, 1).Push(0).Push(0).Op(Opcode.REVERT).Build());
        JsonElement pre = Trace(host, A);
        Assert.That(pre.GetProperty(Key(B)).GetProperty("storage").GetProperty(Word(1)).GetString(), Is.EqualTo(Word(0)));
        JsonElement diff = Trace(new TraceHost().With(h =>
        {
            h.Deploy(A, new Bytecode().Call(Opcode.CALL, 50_000, B).Op(Opcode.POP).Op(Opcode.STOP).Build());
            h.Deploy(B, new Bytecode().Store(1, 1).Push(0).Push(0).Op(Opcode.REVERT).Build());
        }), A, diff: true);
        Assert.That(diff.GetProperty("post").TryGetProperty(Key(B), out _), Is.False);
        Assert.That(diff.GetProperty("pre").TryGetProperty(Key(B), out _), Is.False);
    }

    [Test]
    public void Out_of_gas_transaction_changes_only_the_sender_nonce()
    {
        var host = new TraceHost();
        host.Deploy(A, new Bytecode().Store(1, 1).Op(Opcode.STOP).Build());
        JsonElement diff = Trace(host, A, diff: true, gas: 25_000);
        Assert.That(diff.GetProperty("post").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { SenderKey }));
        Assert.That(diff.GetProperty("post").GetProperty(SenderKey).GetProperty("nonce").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public void Disable_code_and_storage_leave_those_fields_out()
    {
        var host = new TraceHost();
        host.Deploy(A, new Bytecode().Push(1).Op(Opcode.SLOAD).Op(Opcode.POP).Op(Opcode.STOP).Build(), default, (1, 2));
        JsonElement pre = Trace(host, A, options: new PrestateTracerOptions { DisableCode = true, DisableStorage = true });
        Assert.That(pre.GetProperty(Key(A)).TryGetProperty("code", out _), Is.False);
        Assert.That(pre.GetProperty(Key(A)).TryGetProperty("storage", out _), Is.False);
    }

    [Test]
    public void Options_parse_case_insensitively_and_refuse_wrong_types()
    {
        var options = PrestateTracerOptions.Parse(JsonDocument.Parse("""{"DiffMode":true,"disablecode":true}""").RootElement);
        Assert.That(options.DiffMode && options.DisableCode && !options.DisableStorage, Is.True);
        Assert.Throws<ArgumentException>(() => PrestateTracerOptions.Parse(JsonDocument.Parse("""{"diffMode":"yes"}""").RootElement));
        Assert.That(TracerFactory.Create("prestateTracer", null), Is.TypeOf<PrestateTracer>());
    }
}

internal static class TraceHostSetup
{
    /// <summary>Sets up a host inline (a second, fresh host for the same scenario).</summary>
    public static TraceHost With(this TraceHost host, Action<TraceHost> setup)
    {
        setup(host);
        return host;
    }
}
