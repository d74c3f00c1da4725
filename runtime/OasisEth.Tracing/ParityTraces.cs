using System.Text.Json;
using OasisEth.Evm;
using OasisEth.Evm.Tracing;
using OasisEth.Primitives;

namespace OasisEth.Tracing;

/// <summary>Where a traced transaction sits, for the location fields of <c>trace_transaction</c>/<c>trace_block</c>.</summary>
public readonly record struct TraceLocation(Hash256 BlockHash, ulong BlockNumber, Hash256 TransactionHash, int TransactionPosition);

/// <summary>One flat trace: a frame and its trace address (child indexes from the transaction's frame).</summary>
public readonly record struct ParityEntry(RecordedFrame Frame, int[] TraceAddress);

/// <summary>
/// OpenEthereum's flat traces (<c>trace_*</c>) from a recorded call tree: one entry per frame, parent first, with its
/// <c>traceAddress</c> (child indexes from the top) and <c>subtraces</c> (direct children). Gas as OpenEthereum counts
/// it: the top frame's <c>gas</c> is the gas after intrinsic gas and its <c>gasUsed</c> the receipt's minus intrinsic
/// gas (refund taken off); a sub-frame's are the gas it was given and what it did not return. A revert keeps its result
/// (gas used, output) beside <c>error: "Reverted"</c>; any other failure has a null result. SELFDESTRUCT is a
/// <c>suicide</c> entry with a null result.
/// </summary>
public static class ParityTraces
{
    /// <summary>Writes the flat entries of one transaction (no array around them).</summary>
    /// <param name="location">The location fields; null for <c>trace_call</c>/<c>trace_replay*</c>, which have none.</param>
    public static void WriteEntries(Utf8JsonWriter writer, FrameRecorder recorder, TraceLocation? location)
    {
        foreach (var entry in Entries(recorder)) WriteEntry(writer, entry, recorder, location);
    }

    /// <summary>The frames in the order the flat list has them (parent first), each with its trace address.</summary>
    public static List<ParityEntry> Entries(FrameRecorder recorder)
    {
        var entries = new List<ParityEntry>();
        if (recorder.Root is { } root) Collect(root, [], entries);
        return entries;
    }

    private static void Collect(RecordedFrame frame, int[] path, List<ParityEntry> entries)
    {
        entries.Add(new ParityEntry(frame, path));
        for (int i = 0; i < frame.Calls.Count; i++) Collect(frame.Calls[i], [.. path, i], entries);
    }

    public static void WriteEntry(Utf8JsonWriter writer, ParityEntry entry, FrameRecorder recorder, TraceLocation? location)
    {
        RecordedFrame frame = entry.Frame;
        writer.WriteStartObject();
        WriteAction(writer, frame);
        if (location is { } l)
        {
            writer.WriteString("blockHash"u8, l.BlockHash.ToString());
            writer.WriteNumber("blockNumber"u8, l.BlockNumber);
        }
        if (ErrorText(frame) is { } error) writer.WriteString("error"u8, error);
        WriteResult(writer, frame, recorder);
        writer.WriteNumber("subtraces"u8, frame.Calls.Count);
        writer.WriteStartArray("traceAddress"u8);
        foreach (int index in entry.TraceAddress) writer.WriteNumberValue(index);
        writer.WriteEndArray();
        if (location is { } t)
        {
            writer.WriteString("transactionHash"u8, t.TransactionHash.ToString());
            writer.WriteNumber("transactionPosition"u8, t.TransactionPosition);
        }
        writer.WriteString("type"u8, TypeName(frame.Type));
        writer.WriteEndObject();
    }

    /// <summary>The action's sender as trace_filter's fromAddress matches it (a suicide's: the destroyed contract).</summary>
    public static Address ActionFrom(RecordedFrame frame) => frame.From;

    /// <summary>The action's receiver as trace_filter's toAddress matches it: the callee, the created contract (only
    /// when the creation succeeded: a failed one has no address), a suicide's refund address.</summary>
    public static Address? ActionTo(RecordedFrame frame) => frame.Type.IsCreate() && frame.Failed ? null : frame.To;

    public static string TypeName(TraceCallType type) => type switch
    {
        TraceCallType.Create or TraceCallType.Create2 => "create",
        TraceCallType.SelfDestruct => "suicide",
        _ => "call",
    };

    private static void WriteAction(Utf8JsonWriter writer, RecordedFrame frame)
    {
        writer.WriteStartObject("action"u8);
        switch (frame.Type)
        {
            case TraceCallType.SelfDestruct:
                writer.WriteString("address"u8, frame.From.ToString());
                TraceJson.WriteQuantity(writer, "balance"u8, frame.Value);
                writer.WriteString("refundAddress"u8, frame.To.ToString());
                break;
            case TraceCallType.Create or TraceCallType.Create2:
                writer.WriteString("from"u8, frame.From.ToString());
                TraceJson.WriteQuantity(writer, "gas"u8, (ulong)frame.Gas);
                TraceJson.WriteBytes(writer, "init"u8, frame.Input);
                TraceJson.WriteQuantity(writer, "value"u8, frame.Value);
                writer.WriteString("creationMethod"u8, frame.Type == TraceCallType.Create ? "create" : "create2");
                break;
            default:
                writer.WriteString("from"u8, frame.From.ToString());
                writer.WriteString("callType"u8, frame.Type switch
                {
                    TraceCallType.CallCode => "callcode",
                    TraceCallType.DelegateCall => "delegatecall",
                    TraceCallType.StaticCall => "staticcall",
                    _ => "call",
                });
                TraceJson.WriteQuantity(writer, "gas"u8, (ulong)frame.Gas);
                TraceJson.WriteBytes(writer, "input"u8, frame.Input);
                writer.WriteString("to"u8, frame.To.ToString());
                TraceJson.WriteQuantity(writer, "value"u8, frame.Type == TraceCallType.StaticCall ? UInt256.Zero : frame.Value);
                break;
        }
        writer.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter writer, RecordedFrame frame, FrameRecorder recorder)
    {
        if (frame.Type == TraceCallType.SelfDestruct || (frame.Failed && !frame.Reverted))
        {
            writer.WriteNull("result"u8);
            return;
        }
        writer.WriteStartObject("result"u8);
        bool create = frame.Type.IsCreate();
        if (create && !frame.Failed) writer.WriteString("address"u8, frame.To.ToString());
        if (create) TraceJson.WriteBytes(writer, "code"u8, frame.Failed ? [] : frame.Output);
        TraceJson.WriteQuantity(writer, "gasUsed"u8, (ulong)GasUsed(frame, recorder));
        if (!create) TraceJson.WriteBytes(writer, "output"u8, frame.Output);
        writer.WriteEndObject();
    }

    /// <summary>The top frame's gas used is the receipt's without intrinsic gas (the frame's own figure would not
    /// have the refund taken off); sub-frames report their own.</summary>
    public static long GasUsed(RecordedFrame frame, FrameRecorder recorder)
    {
        if (frame.Depth != 0) return frame.GasUsed;
        long intrinsic = (long)recorder.GasLimit - frame.Gas;
        return Math.Max(0, recorder.ReceiptGasUsed - intrinsic);
    }

    /// <summary>OpenEthereum's error words.</summary>
    public static string? ErrorText(RecordedFrame frame)
    {
        if (!frame.Failed) return null;
        return frame.Exit switch
        {
            ExitCode.Revert => "Reverted",
            ExitCode.OutOfGas => "Out of gas",
            ExitCode.InvalidInstruction => "Bad instruction",
            ExitCode.BadJumpDestination => "Bad jump destination",
            ExitCode.StackUnderflow => "Stack underflow",
            ExitCode.StackOverflow => "Out of stack",
            ExitCode.CallDepthExceeded => "Out of stack",
            ExitCode.StaticStateChange => "Mutable call in static context",
            ExitCode.ReturnDataOutOfBounds => "Out of bounds",
            ExitCode.InsufficientBalance => "Insufficient balance for transfer",
            ExitCode.CreateCollision => "Contract address collision",
            ExitCode.CodeSizeExceeded or ExitCode.InvalidCodePrefix => "Contract code size limit exceeded",
            ExitCode.PrecompileFailure => "Built-in failed",
            _ => frame.Error,
        };
    }
}
