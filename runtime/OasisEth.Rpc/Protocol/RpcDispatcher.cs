using System.Buffers;
using System.Text.Json;

namespace OasisEth.Rpc;

/// <summary>
/// JSON-RPC 2.0 envelope handling shared by HTTP and WebSocket: parse, single or batch, notifications (no answer),
/// per-call errors. Each call writes its result into its own buffer first, so an error half-way through a result
/// never leaves a broken response: the call's answer becomes an error object and the batch goes on.
/// </summary>
internal sealed class RpcDispatcher(RpcMethodTable methods, RpcLimits limits, Action<string> log)
{
    private readonly ResponseBudget _budget = new(limits.MaxResponseBytesInFlight);

    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 64 };


    /// <summary>The response bytes, or null when nothing is to be sent (only notifications). Never throws but for
    /// cancellation: a failure outside every call's own handling is logged and answered -32603, so a transport never
    /// turns it into an empty HTTP 500 or a closed WebSocket.</summary>
    public async ValueTask<byte[]?> HandleAsync(ReadOnlyMemory<byte> body, RpcSession? session, CancellationToken ct)
    {
        RequestScratch scratch = RequestScratch.Rent();
        try
        {
            return await HandleAsync(body, session, scratch, ct) is { } reply ? reply.ToArray() : null;
        }
        finally
        {
            RequestScratch.Return(scratch);
        }
    }

    /// <summary>As <see cref="HandleAsync(ReadOnlyMemory{byte}, RpcSession?, CancellationToken)"/>, the answer written
    /// into <paramref name="scratch"/>'s buffers: valid until the scratch is returned.</summary>
    public async ValueTask<ReadOnlyMemory<byte>?> HandleAsync(ReadOnlyMemory<byte> body, RpcSession? session, RequestScratch scratch, CancellationToken ct)
    {
        try
        {
            return await HandleBodyAsync(body, session, scratch, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            log($"rpc: request failed outside its calls: {e}");
            return ErrorResponse(RpcErrorCodes.Internal, "internal error: " + e.Message);
        }
    }

    private async ValueTask<ReadOnlyMemory<byte>?> HandleBodyAsync(ReadOnlyMemory<byte> body, RpcSession? session, RequestScratch scratch, CancellationToken ct)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body, ParseOptions);
        }
        catch (JsonException e)
        {
            return ErrorResponse(RpcErrorCodes.ParseError, "parse error: " + e.Message);
        }

        using (doc)
        {
            JsonElement root = doc.RootElement;
            ArrayBufferWriter<byte> output = scratch.Output;
            output.ResetWrittenCount();
            Utf8JsonWriter writer = scratch.OutputWriter;
            writer.Reset(output);
            if (root.ValueKind == JsonValueKind.Array)
            {
                int n = root.GetArrayLength();
                if (n == 0) return ErrorResponse(RpcErrorCodes.InvalidRequest, "empty batch");
                if (n > limits.MaxBatchSize)
                    return ErrorResponse(RpcErrorCodes.InvalidRequest, $"batch too large ({n} > {limits.MaxBatchSize} requests)");
                writer.WriteStartArray();
                bool any = false;
                foreach (JsonElement request in root.EnumerateArray())
                    any |= await HandleOneAsync(request, writer, session, scratch, ct);
                writer.WriteEndArray();
                writer.Flush();
                return any ? output.WrittenMemory : null;
            }
            bool answered = await HandleOneAsync(root, writer, session, scratch, ct);
            writer.Flush();
            return answered ? output.WrittenMemory : null;
        }
    }

    /// <summary>Writes the answer to one request; false for a notification (nothing written).</summary>
    private async ValueTask<bool> HandleOneAsync(JsonElement request, Utf8JsonWriter writer, RpcSession? session, RequestScratch scratch, CancellationToken ct)
    {
        Envelope envelope;
        try
        {
            envelope = ReadEnvelope(request);
        }
        catch (InvalidOperationException e) when (IsUnreadableString(e))
        {
            // JSON can carry strings .NET cannot read ("\ud800", bytes that are not UTF-8): in the envelope they
            // make the request invalid; a number id is echoed (a string id may be the unreadable one).
            (JsonElement id, bool hasId) = ReadableId(request);
            WriteError(writer, id, hasId, RpcErrorCodes.InvalidRequest, "invalid request: " + UnreadableString(e), null);
            return true;
        }
        if (envelope.Error is { } error)
        {
            if (!envelope.Answer) return false;
            WriteError(writer, envelope.Id, envelope.HasId, error.Code, error.Message, null);
            return true;
        }
        return await CallAsync(envelope, writer, session, scratch, ct);
    }

    /// <summary>A request's envelope: id, method, params, or the error that refuses it (<see cref="Answer"/> false
    /// for a notification's error, which gets no answer).</summary>
    private readonly record struct Envelope(JsonElement Id, bool HasId, string Name, JsonElement Parameters,
        (int Code, string Message)? Error, bool Answer = true);

    /// <summary>True for System.Text.Json's refusal to decode a string (lone surrogate, invalid UTF-8); a
    /// handler's own InvalidOperationException is a bug and stays -32603.</summary>
    private static bool IsUnreadableString(InvalidOperationException e) =>
        e.Source is { } source && source.StartsWith("System.Text.Json", StringComparison.Ordinal) && (e.InnerException is System.Text.DecoderFallbackException
            || e.Message.Contains("UTF-", StringComparison.Ordinal));

    private static string UnreadableString(InvalidOperationException e) =>
        "a string is not valid Unicode text (" + e.Message.TrimEnd('.') + ")";

    private static (JsonElement Id, bool HasId) ReadableId(JsonElement request)
    {
        if (!request.TryGetProperty("id", out JsonElement id) || id.ValueKind is not (JsonValueKind.Number or JsonValueKind.Null))
            return (default, false);
        return (id, true);
    }

    private static Envelope ReadEnvelope(JsonElement request)
    {
        if (request.ValueKind != JsonValueKind.Object)
            return new Envelope(default, false, "", default, (RpcErrorCodes.InvalidRequest, "invalid request: not an object"));
        bool hasId = request.TryGetProperty("id", out JsonElement id);
        if (hasId && id.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null))
            return new Envelope(default, false, "", default, (RpcErrorCodes.InvalidRequest, "invalid request: id must be a string, number or null"));
        // Decoded now so an unreadable id string fails here, before any answer echoes it.
        if (id.ValueKind == JsonValueKind.String) _ = id.GetString();
        if (!request.TryGetProperty("jsonrpc", out JsonElement version) || version.ValueKind != JsonValueKind.String
            || !version.ValueEquals("2.0"))
            return new Envelope(id, hasId, "", default, (RpcErrorCodes.InvalidRequest, "invalid request: jsonrpc must be \"2.0\""));
        if (!request.TryGetProperty("method", out JsonElement methodElement) || methodElement.ValueKind != JsonValueKind.String)
            return new Envelope(id, hasId, "", default, (RpcErrorCodes.InvalidRequest, "invalid request: method must be a string"));
        string name = methodElement.GetString()!;
        JsonElement parameters = default;
        if (request.TryGetProperty("params", out JsonElement p) && p.ValueKind != JsonValueKind.Null)
        {
            if (p.ValueKind != JsonValueKind.Array)
                return new Envelope(id, hasId, name, default, (RpcErrorCodes.InvalidParams, "non-array args"), hasId);
            parameters = p;
        }
        return new Envelope(id, hasId, name, parameters, null);
    }

    private async ValueTask<bool> CallAsync(Envelope envelope, Utf8JsonWriter writer, RpcSession? session, RequestScratch scratch, CancellationToken ct)
    {
        (JsonElement id, bool hasId, string name, JsonElement parameters, _, _) = envelope;
        if (!methods.TryGet(name, out RpcMethod method))
        {
            if (!hasId) return false;
            WriteError(writer, id, hasId, RpcErrorCodes.MethodNotFound, $"the method {name} does not exist/is not available", null);
            return true;
        }

        // The response's bytes so far (earlier answers of a batch) count against the same limit.
        scratch.Result.ResetWrittenCount();
        using var resultBuffer = new CappedBufferWriter(Math.Max(0, limits.MaxResponseBytes - (writer.BytesCommitted + writer.BytesPending)), _budget, scratch.Result);
        int code;
        string message;
        string? data;
        try
        {
            Utf8JsonWriter resultWriter = scratch.ResultWriter;
            resultWriter.Reset(resultBuffer);
            await method(new RpcCall(new RpcParams(parameters), resultWriter, session, ct));
            resultWriter.Flush();
            if (!hasId) return false;
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            WriteId(writer, id, hasId);
            writer.WritePropertyName("result");
            if (resultBuffer.WrittenCount == 0) writer.WriteNullValue();
            else writer.WriteRawValue(resultBuffer.WrittenSpan, skipInputValidation: true);
            writer.WriteEndObject();
            return true;
        }
        catch (RpcException e)
        {
            (code, message, data) = (e.Code, e.Message, e.ErrorData);
        }
        catch (InvalidOperationException e) when (IsUnreadableString(e))
        {
            (code, message, data) = (RpcErrorCodes.InvalidParams, "invalid params: " + UnreadableString(e), null);
        }
        catch (ResponseTooLargeException e)
        {
            (code, message, data) = (RpcErrorCodes.LimitExceeded, e.Busy ? e.Message : e.Message + TooLargeHint(name), null);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            (code, message, data) = (RpcErrorCodes.Server, "request cancelled: the node is stopping", null);
        }
        catch (Exception e) when (e is OasisEth.Executor.StateUnavailableException or OasisEth.Executor.ForkRemoteException)
        {
            // State no longer kept, or a fork's remote node that failed a read: the caller's to see, not a bug.
            (code, message, data) = (RpcErrorCodes.Server, e.Message, null);
        }
        catch (Exception e)
        {
            // A bug or an unexpected chain failure: answer it, log it, keep serving.
            log($"rpc: {name} failed: {e}");
            (code, message, data) = (RpcErrorCodes.Internal, "internal error: " + e.Message, null);
        }
        if (!hasId) return false;
        WriteError(writer, id, hasId, code, message, data);
        return true;
    }

    /// <summary>Where a smaller answer can be had.</summary>
    private static string TooLargeHint(string method) => method switch
    {
        "txpool_content" => "; use txpool_contentFrom (one sender) or txpool_inspect",
        "eth_getLogs" or "eth_getFilterLogs" or "eth_getFilterChanges" => "; narrow the block range or the filter",
        "eth_getBlockByNumber" or "eth_getBlockByHash" => "; ask without full transactions and fetch them one by one",
        _ => "",
    };

    private static void WriteId(Utf8JsonWriter writer, JsonElement id, bool hasId)
    {
        writer.WritePropertyName("id");
        if (hasId) id.WriteTo(writer);
        else writer.WriteNullValue();
    }

    private static void WriteError(Utf8JsonWriter writer, JsonElement id, bool hasId, int code, string message, string? data)
    {
        writer.WriteStartObject();
        writer.WriteString("jsonrpc", "2.0");
        WriteId(writer, id, hasId);
        writer.WriteStartObject("error");
        writer.WriteNumber("code", code);
        writer.WriteString("message", message);
        if (data is not null) writer.WriteString("data", data);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>A whole response that is one error with id null (parse errors, oversized or malformed batches).</summary>
    public static byte[] ErrorResponse(int code, string message)
    {
        var output = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(output)) WriteError(writer, default, false, code, message, null);
        return output.WrittenSpan.ToArray();
    }
}
