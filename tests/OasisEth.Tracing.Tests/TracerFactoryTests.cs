using System.Text.Json;

namespace OasisEth.Tracing.Tests;

public class TracerFactoryTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Test]
    public void Null_name_is_the_struct_logger_with_its_options()
    {
        var tracer = TracerFactory.Create(null, Json("""{"disableStack":true,"EnableMemory":true,"limit":5,"timeout":"5s","tracerConfig":{}}"""));
        Assert.That(tracer, Is.TypeOf<StructLogger>());
        var host = new TraceHost();
        host.Deploy(TraceHost.A, new Bytecode().Push(1).Push(0).Op(Opcode.MSTORE).Op(Opcode.STOP).Build());
        string json = host.Trace(tracer, TraceHost.A);
        Assert.That(json, Does.Not.Contain("\"stack\""));
        Assert.That(json, Does.Contain("\"memory\""));
    }

    [Test]
    public void Defaults_when_config_is_absent_or_null()
    {
        Assert.That(TracerFactory.Create(null, null), Is.TypeOf<StructLogger>());
        Assert.That(TracerFactory.Create(null, Json("null")), Is.TypeOf<StructLogger>());
        var tracer = TracerFactory.Create("callTracer", null);
        Assert.That(tracer, Is.TypeOf<CallTracer>());
        Assert.That(tracer.Options, Is.EqualTo(Evm.Tracing.TraceOptions.Calls));
    }

    [Test]
    public void Call_tracer_reads_its_tracer_config()
    {
        var tracer = TracerFactory.Create("callTracer", Json("""{"onlyTopCall":true,"withLog":true}"""));
        Assert.That(tracer.Options, Is.EqualTo(Evm.Tracing.TraceOptions.Calls | Evm.Tracing.TraceOptions.Logs));
    }

    [TestCase("flatCallTracer")]
    [TestCase("")]
    [TestCase("CallTracer")]
    public void Unknown_tracer_is_not_found(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => TracerFactory.Create(name, null));
        Assert.That(e!.Message, Does.StartWith("tracer not found"));
    }

    [TestCase("""{"limit":-1}""")]
    [TestCase("""{"limit":"10"}""")]
    [TestCase("""{"limit":1.5}""")]
    [TestCase("""{"disableStack":"yes"}""")]
    [TestCase("""[1]""")]
    public void Malformed_struct_logger_options_are_argument_errors(string config)
    {
        Assert.Throws<ArgumentException>(() => TracerFactory.Create(null, Json(config)));
    }

    [Test]
    public void Malformed_call_tracer_options_are_argument_errors()
    {
        Assert.Throws<ArgumentException>(() => TracerFactory.Create("callTracer", Json("""{"withLog":1}""")));
        Assert.Throws<ArgumentException>(() => TracerFactory.Create("callTracer", Json("\"x\"")));
    }
}

public class TracerCancellationTests
{
    [Test]
    public void A_cancelled_struct_logger_stops_a_long_execution()
    {
        var host = new TraceHost();
        // JUMPDEST PUSH1 0 JUMP: loops until the gas runs out (about 1.8 million steps with 20 million gas).
        host.Deploy(TraceHost.A, [0x5b, 0x60, 0x00, 0x56]);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var tracer = TracerFactory.Create(null, null, cts.Token);
        Assert.Throws<OperationCanceledException>(() => host.Run(tracer, TraceHost.A, gas: 20_000_000));
        Assert.That(((StructLogger)tracer).Count, Is.LessThanOrEqualTo(1024));
    }

    [Test]
    public void A_cancelled_call_tracer_stops_at_the_first_frame()
    {
        var host = new TraceHost();
        host.Deploy(TraceHost.A, new Bytecode().Op(Opcode.STOP).Build());
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => host.Run(TracerFactory.Create("callTracer", null, cts.Token), TraceHost.A));
    }
}
