using System.Text;
using System.Text.Json;
using OasisEth.Primitives;
using static OasisEth.Tests.Shared.EvmTestHost;
using static OasisEth.Tracing.Tests.TraceHost;

namespace OasisEth.Tracing.Tests;

/// <summary>Parity's stateDiff from a diff-mode prestate tracer run beside the frame recorder (one execution, two
/// tracers through <see cref="CombinedTracer"/>): "=", "+", "-" and "*" per field and slot.</summary>
public class ParityStateDiffTests
{
    private static (JsonElement Diff, FrameRecorder Recorder) Run(TraceHost host, Address? to, byte[]? data = null, ulong value = 0)
    {
        var recorder = new FrameRecorder();
        var prestate = new PrestateTracer(new PrestateTracerOptions { DiffMode = true });
        host.Run(new CombinedTracer(recorder, prestate), to, data, 200_000, value);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) ParityStateDiff.Write(writer, prestate.Changes);
        return (JsonDocument.Parse(Encoding.UTF8.GetString(stream.ToArray())).RootElement.Clone(), recorder);
    }

    [Test]
    public void Changed_fields_are_from_to_pairs_unchanged_ones_are_equal_signs_and_zeroed_slots_show_their_zero()
    {
        var host = new TraceHost();
        host.Deploy(A, new Bytecode().Store(1, 0).Store(2, 9).Op(Opcode.STOP).Build(), new UInt256(10), (1, 5));
        var (diff, recorder) = Run(host, A, value: 4);
        Assert.That(recorder.Root, Is.Not.Null, "the recorder saw the same execution");
        JsonElement a = diff.GetProperty(A.ToString());
        Assert.That(a.GetProperty("balance").GetProperty("*").GetProperty("from").GetString(), Is.EqualTo("0xa"));
        Assert.That(a.GetProperty("balance").GetProperty("*").GetProperty("to").GetString(), Is.EqualTo("0xe"));
        Assert.That(a.GetProperty("code").GetString(), Is.EqualTo("="));
        Assert.That(a.GetProperty("nonce").GetString(), Is.EqualTo("="));
        JsonElement storage = a.GetProperty("storage");
        Assert.That(storage.GetProperty(Word(1)).GetProperty("*").GetProperty("to").GetString(), Is.EqualTo(Word(0)));
        Assert.That(storage.GetProperty(Word(2)).GetProperty("*").GetProperty("from").GetString(), Is.EqualTo(Word(0)));
        JsonElement sender = diff.GetProperty(Sender.ToString());
        Assert.That(sender.GetProperty("nonce").GetProperty("*").GetProperty("to").GetString(), Is.EqualTo("0x1"));
    }

    [Test]
    public void A_born_account_has_plus_entries_and_a_died_one_minus_entries()
    {
        var host = new TraceHost();
        byte[] init = new Bytecode().Store(0, 1).Push(1).Push(0).Op(Opcode.RETURN).Build();
        var (born, _) = Run(host, null, init);
        JsonElement created = born.GetProperty(ContractAddress.FromCreate(Sender, 0).ToString());
        Assert.That(created.GetProperty("code").GetProperty("+").GetString(), Is.EqualTo("0x00"));
        Assert.That(created.GetProperty("nonce").GetProperty("+").GetString(), Is.EqualTo("0x1"));
        Assert.That(created.GetProperty("storage").GetProperty(Word(0)).GetProperty("+").GetString(), Is.EqualTo(Word(1)));

        var old = new TraceHost { Fork = Fork.Shanghai };
        // The diff knows the slots the transaction touched: C reads slot 7, then destroys itself.
        old.Deploy(C, new Bytecode().Push(7).Op(Opcode.SLOAD).Op(Opcode.POP).Push(B).Op(Opcode.SELFDESTRUCT).Build(), new UInt256(5), (7, 8));
        var (died, _) = Run(old, C);
        JsonElement gone = died.GetProperty(C.ToString());
        Assert.That(gone.GetProperty("balance").GetProperty("-").GetString(), Is.EqualTo("0x5"));
        Assert.That(gone.GetProperty("storage").GetProperty(Word(7)).GetProperty("-").GetString(), Is.EqualTo(Word(8)));
    }
}
