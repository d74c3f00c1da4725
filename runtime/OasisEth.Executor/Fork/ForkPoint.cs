using System.Globalization;
using System.Text.Json;
using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>
/// The remote block a fork starts from: its number, hash and the header fields the first local block builds on.
/// Stored in the data directory (<see cref="FileName"/>), so a restart of the forked node continues without asking
/// the remote for anything it already has, and so a restart with another fork block is refused rather than mixed.
/// </summary>
public sealed record ForkPoint(Uri Url, ulong Number, Hash256 Hash, Hash256 ParentHash, ulong Timestamp, ulong GasLimit, UInt256 BaseFee)
{
    public const string FileName = "fork.json";

    /// <summary>Asks the remote for the block (the latest when <paramref name="number"/> is null), by number, never
    /// by the tag "latest" once the number is known.</summary>
    public static ForkPoint Resolve(RemoteNode remote, ulong? number)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ulong at = number ?? RemoteJson.Quantity(remote.Call("eth_blockNumber", "[]"), "eth_blockNumber");
        JsonElement block = remote.Call("eth_getBlockByNumber", $"[\"{RemoteJson.Hex(at)}\",false]");
        if (block.ValueKind != JsonValueKind.Object)
            throw new ForkRemoteException($"the fork's remote node {remote.Url} has no block {at}");
        return new ForkPoint(remote.Url, at,
            RemoteJson.Hash(block, "hash"), RemoteJson.Hash(block, "parentHash"),
            RemoteJson.QuantityField(block, "timestamp"), RemoteJson.QuantityField(block, "gasLimit"),
            block.TryGetProperty("baseFeePerGas", out JsonElement fee) && fee.ValueKind == JsonValueKind.String
                ? UInt256.Parse(fee.GetString()!) : UInt256.Zero);
    }

    public string ToJson() => string.Create(CultureInfo.InvariantCulture,
        $"{{\"url\":\"{JsonEncodedText.Encode(Url.ToString())}\",\"number\":{Number},\"hash\":\"{Hash}\",\"parentHash\":\"{ParentHash}\",\"timestamp\":{Timestamp},\"gasLimit\":{GasLimit},\"baseFee\":\"{BaseFee}\"}}");

    /// <summary>The stored fork point, or null when the file is missing; <see cref="FormatException"/> when damaged.</summary>
    public static ForkPoint? Load(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
            JsonElement root = document.RootElement;
            return new ForkPoint(new Uri(root.GetProperty("url").GetString()!), root.GetProperty("number").GetUInt64(),
                Hash256.Parse(root.GetProperty("hash").GetString()!), Hash256.Parse(root.GetProperty("parentHash").GetString()!),
                root.GetProperty("timestamp").GetUInt64(), root.GetProperty("gasLimit").GetUInt64(),
                UInt256.Parse(root.GetProperty("baseFee").GetString()!));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or UriFormatException or ArgumentException)
        {
            throw new FormatException($"The fork record '{path}' is damaged: {e.Message}", e);
        }
    }

    public void Save(string path)
    {
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, ToJson());
        File.Move(temporary, path, overwrite: true);
    }
}
