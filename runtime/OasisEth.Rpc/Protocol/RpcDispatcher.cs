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
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 64 };

    /// <summary>The response bytes, or null when nothing is to be sent (only notifications).</summary>
    public async ValueTask<byte[]?> HandleAsync(ReadOnlyMemory<byte> body, RpcSession? session, CancellationToken ct)
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
            var output = new ArrayBufferWriter<byte>(256);
            using var writer = new Utf8JsonWriter(output);
            if (root.ValueKind == JsonValueKind.Array)
            {
                int n = root.GetArrayLength();
                if (n == 0) return ErrorResponse(RpcErrorCodes.InvalidRequest, "empty batch");
                if (n > limits.MaxBatchSize)
                    return ErrorResponse(RpcErrorCodes.InvalidRequest, $"batch too large ({n} > {limits.MaxBatchSize} requests)");
                writer.WriteStartArray();
                bool any = false;
                foreach (JsonElement request in root.EnumerateArray())
                    any |= await HandleOneAsync(request, writer, session, ct);
                writer.WriteEndArray();
                writer.Flush();
                return any ? output.WrittenSpan.ToArray() : null;
            }
            bool answered = await HandleOneAsync(root, writer, session, ct);
            writer.Flush();
            return answered ? output.WrittenSpan.ToArray() : null;
        }
    }

    /// <summary>Writes the answer to one request; false for a notification (nothing written).</summary>
    private async ValueTask<bool> HandleOneAsync(JsonElement request, Utf8JsonWriter writer, RpcSession? session, CancellationToken ct)
    {
        if (request.ValueKind != JsonValueKind.Object)
        {
            WriteError(writer, default, false, RpcErrorCodes.InvalidRequest, "invalid request: not an object", null);
            return true;
        }
        bool hasId = request.TryGetProperty("id", out JsonElement id);
        if (hasId && id.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null))
        {
            WriteError(writer, default, false, RpcErrorCodes.InvalidRequest, "invalid request: id must be a string, number or null", null);
            return true;
        }
        if (!request.TryGetProperty("jsonrpc", out JsonElement version) || version.ValueKind != JsonValueKind.String
            || !version.ValueEquals("2.0"))
        {
            WriteError(writer, id, hasId, RpcErrorCodes.InvalidRequest, "invalid request: jsonrpc must be \"2.0\"", null);
            return true;
        }
        if (!request.TryGetProperty("method", out JsonElement methodElement) || methodElement.ValueKind != JsonValueKind.String)
        {
            WriteError(writer, id, hasId, RpcErrorCodes.InvalidRequest, "invalid request: method must be a string", null);
            return true;
        }
        string name = methodElement.GetString()!;
        JsonElement parameters = default;
        if (request.TryGetProperty("params", out JsonElement p) && p.ValueKind != JsonValueKind.Null)
        {
            if (p.ValueKind != JsonValueKind.Array)
            {
                if (!hasId) return false;
                WriteError(writer, id, hasId, RpcErrorCodes.InvalidParams, "non-array args", null);
                return true;
            }
            parameters = p;
        }

        if (!methods.TryGet(name, out RpcMethod method))
        {
            if (!hasId) return false;
            WriteError(writer, id, hasId, RpcErrorCodes.MethodNotFound, $"the method {name} does not exist/is not available", null);
            return true;
        }

        var resultBuffer = new ArrayBufferWriter<byte>(128);
        int code;
        string message;
        string? data;
        try
        {
            using (var resultWriter = new Utf8JsonWriter(resultBuffer))
            {
                await method(new RpcCall(new RpcParams(parameters), resultWriter, session, ct));
                resultWriter.Flush();
            }
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
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            (code, message, data) = (RpcErrorCodes.Server, "request cancelled: the node is stopping", null);
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
