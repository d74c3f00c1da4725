using System.Buffers;
using System.Text.Json;

namespace OasisEth.Rpc;

/// <summary>
/// The buffers one request needs (body, response, a call's result, and the JSON writers over them), rented for the
/// request and returned after its answer is written. Allocating them per request was over half of the dev node's
/// allocation under the transfer load (a 16 KiB body buffer per request), and so most of its GC heap growth.
/// Buffers that grew past <see cref="KeptBytes"/> for one large request are dropped on return, so the pool holds at
/// most <see cref="Slots"/> small sets.
/// </summary>
internal sealed class RequestScratch
{
    private const int Slots = 16;
    private const int KeptBytes = 256 * 1024;
    private static readonly RequestScratch?[] Pool = new RequestScratch?[Slots];

    public byte[] Body { get; private set; } = new byte[4096];
    public ArrayBufferWriter<byte> Output { get; private set; } = new(1024);
    public ArrayBufferWriter<byte> Result { get; private set; } = new(1024);
    public Utf8JsonWriter OutputWriter { get; } = new(Stream.Null);
    /// <summary>Results may nest as deep as a call tree (callTracer): the tracers' depth, not the writer's default 1000.</summary>
    public Utf8JsonWriter ResultWriter { get; } = new(Stream.Null, Tracing.TraceWriter.Options);

    public static RequestScratch Rent()
    {
        for (int i = 0; i < Slots; i++)
        {
            if (Volatile.Read(ref Pool[i]) is not null && Interlocked.Exchange(ref Pool[i], null) is { } taken) return taken;
        }
        return new RequestScratch();
    }

    public static void Return(RequestScratch scratch)
    {
        scratch.Trim();
        for (int i = 0; i < Slots; i++)
        {
            if (Volatile.Read(ref Pool[i]) is null && Interlocked.CompareExchange(ref Pool[i], scratch, null) is null) return;
        }
    }

    /// <summary>The body buffer, grown to at least <paramref name="length"/> bytes if needed, keeping its first
    /// <paramref name="kept"/> bytes.</summary>
    public byte[] BodyOf(int length, int kept = 0)
    {
        if (Body.Length < length)
        {
            var grown = new byte[Math.Max(length, 2 * Body.Length)];
            Body.AsSpan(0, kept).CopyTo(grown);
            Body = grown;
        }
        return Body;
    }

    private void Trim()
    {
        if (Body.Length > KeptBytes) Body = new byte[4096];
        if (Output.Capacity > KeptBytes) Output = new ArrayBufferWriter<byte>(1024);
        else Output.ResetWrittenCount();
        if (Result.Capacity > KeptBytes) Result = new ArrayBufferWriter<byte>(1024);
        else Result.ResetWrittenCount();
        // Writers hold no buffer of their own: pointed at a null stream so a returned set references nothing.
        OutputWriter.Reset(Stream.Null);
        ResultWriter.Reset(Stream.Null);
    }
}
