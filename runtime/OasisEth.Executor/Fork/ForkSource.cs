using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text.Json;
using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>
/// The remote state a forked dev chain reads under its own: accounts, code and storage of the remote node at the
/// fork block, fetched on first use with JSON-RPC batches (an account is eth_getBalance, eth_getTransactionCount and
/// eth_getCode in one request; <see cref="Prefetch"/> puts many accounts in one) and every read made at the fork
/// block's number, never "latest", so the remote moving on changes nothing. Answers are kept in memory and appended
/// to <see cref="ForkCacheFile"/> in the data directory, so nothing is asked twice, across restarts too.
/// Thread-safe: two readers missing the same key at once may both fetch it (the answers are the same).
/// </summary>
public sealed class ForkSource : IDisposable
{
    /// <summary>Sub-directory of the data directory with the fork point and the cache.</summary>
    public const string DirectoryName = "fork";

    private const byte AccountRecord = 1, SlotRecord = 2, CodeRecord = 3, BlockHashRecord = 4;

    /// <summary>Null value: the remote has no such account (nonce 0, balance 0, no code).</summary>
    private readonly ConcurrentDictionary<Address, RemoteAccount?> _accounts = new();
    private readonly ConcurrentDictionary<(Address, UInt256), UInt256> _slots = new();
    private readonly ConcurrentDictionary<Hash256, byte[]> _code = new();
    private readonly ConcurrentDictionary<ulong, Hash256> _blockHashes = new();
    private readonly RemoteNode _remote;
    private readonly ForkCacheFile _cache;
    private readonly string _blockTag;

    private ForkSource(ForkPoint point, RemoteNode remote, string directory)
    {
        Point = point;
        _remote = remote;
        _blockTag = RemoteJson.Hex(point.Number);
        _code[Hash256.EmptyCode] = [];
        _cache = ForkCacheFile.Open(Path.Combine(directory, ForkCacheFile.FileName), Load);
    }

    public ForkPoint Point { get; }

    public ulong BlockNumber => Point.Number;

    /// <summary>The remote client (its request counters show what the cache saved).</summary>
    public RemoteNode Remote => _remote;

    /// <summary>
    /// The fork of <paramref name="dataDirectory"/>: the one stored there (a restart; <paramref name="config"/> may
    /// then be null, or name the same block), else a new one made from <paramref name="config"/> (the remote is asked
    /// for the block once). Null when the directory is not a fork and none is asked for. A directory that forks
    /// another block than the one asked for is refused with a <see cref="ChainOpenException"/>.
    /// </summary>
    public static ForkSource? Open(string dataDirectory, ForkConfig? config)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        string directory = Path.Combine(Path.GetFullPath(dataDirectory), DirectoryName);
        string pointFile = Path.Combine(directory, ForkPoint.FileName);
        ForkPoint? stored;
        try
        {
            stored = ForkPoint.Load(pointFile);
        }
        catch (FormatException e)
        {
            throw new ChainOpenException(e.Message, e);
        }
        if (stored is null && config is null) return null;
        if (stored is not null && config?.BlockNumber is { } asked && asked != stored.Number)
            throw new ChainOpenException($"The chain data directory '{dataDirectory}' is a fork of block {stored.Number}, not {asked}: use another directory or --reset.");
        // The same block through another URL (the remote restarted on another port) is the same fork.
        Uri url = config?.Url ?? stored!.Url;
        var remote = new RemoteNode(url);
        try
        {
            ForkPoint point;
            if (stored is not null)
            {
                point = stored with { Url = url };
            }
            else
            {
                try
                {
                    point = ForkPoint.Resolve(remote, config!.BlockNumber);
                }
                catch (ForkRemoteException e)
                {
                    throw new ChainOpenException($"Cannot fork: {e.Message}", e);
                }
            }
            Directory.CreateDirectory(directory);
            if (stored is null || point != stored) point.Save(pointFile);
            return new ForkSource(point, remote, directory);
        }
        catch
        {
            remote.Dispose();
            throw;
        }
    }

    /// <summary>Whether the data directory holds a fork (its point file).</summary>
    public static bool IsFork(string dataDirectory) =>
        File.Exists(Path.Combine(Path.GetFullPath(dataDirectory), DirectoryName, ForkPoint.FileName));

    /// <summary>The account at the fork block; false when the remote has none (no nonce, balance or code).</summary>
    public bool TryGetAccount(in Address address, out RemoteAccount account)
    {
        if (!_accounts.TryGetValue(address, out RemoteAccount? known))
        {
            Prefetch([address]);
            known = _accounts[address];
        }
        account = known.GetValueOrDefault();
        return known.HasValue;
    }

    /// <summary>Fetches every account of <paramref name="addresses"/> not yet known, all in one batch.</summary>
    public void Prefetch(IReadOnlyCollection<Address> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var missing = new List<Address>();
        foreach (Address address in addresses)
            if (!_accounts.ContainsKey(address) && !missing.Contains(address)) missing.Add(address);
        if (missing.Count == 0) return;
        var requests = new List<RemoteNode.Request>(3 * missing.Count);
        foreach (Address address in missing)
        {
            string args = $"[\"{address}\",\"{_blockTag}\"]";
            requests.Add(new("eth_getBalance", args));
            requests.Add(new("eth_getTransactionCount", args));
            requests.Add(new("eth_getCode", args));
        }
        JsonElement[] results = _remote.Batch(requests);
        var records = new List<(byte, byte[], byte[])>(2 * missing.Count);
        for (int i = 0; i < missing.Count; i++)
        {
            UInt256 balance = RemoteJson.Word(results[3 * i], "eth_getBalance");
            ulong nonce = RemoteJson.Quantity(results[3 * i + 1], "eth_getTransactionCount");
            byte[] code = RemoteJson.Data(results[3 * i + 2], "eth_getCode");
            Hash256 codeHash = code.Length == 0 ? Hash256.EmptyCode : Keccak.Compute(code);
            RemoteAccount? account = nonce == 0 && balance.IsZero && code.Length == 0 ? null : new RemoteAccount(nonce, balance, codeHash);
            if (code.Length != 0 && _code.TryAdd(codeHash, code)) records.Add((CodeRecord, codeHash.ToArray(), code));
            _accounts[missing[i]] = account;
            records.Add((AccountRecord, missing[i].Bytes.ToArray(), EncodeAccount(account)));
        }
        _cache.Append(records);
    }

    /// <summary>The slot at the fork block (zero when the remote has no such account or slot).</summary>
    public UInt256 GetStorage(in Address address, in UInt256 slot)
    {
        if (_slots.TryGetValue((address, slot), out UInt256 value)) return value;
        // An account the remote lacks has no storage: no request.
        if (_accounts.TryGetValue(address, out RemoteAccount? known) && known is null) return UInt256.Zero;
        JsonElement result = _remote.Call("eth_getStorageAt", $"[\"{address}\",\"{RemoteJson.Word(slot)}\",\"{_blockTag}\"]");
        value = RemoteJson.Word(result, "eth_getStorageAt");
        _slots[(address, slot)] = value;
        var key = new byte[Address.Size + 32];
        address.Bytes.CopyTo(key);
        slot.WriteBigEndian(key.AsSpan(Address.Size));
        var bytes = new byte[32];
        value.WriteBigEndian(bytes);
        _cache.Append([(SlotRecord, key, bytes)]);
        return value;
    }

    /// <summary>Code the remote reported with an account (always fetched with it); null for another hash.</summary>
    public byte[]? TryGetCode(in Hash256 codeHash) => _code.TryGetValue(codeHash, out byte[]? code) ? code : null;

    /// <summary>The hash of remote block <paramref name="number"/> (at most the fork block): BLOCKHASH of the blocks
    /// before the fork.</summary>
    public Hash256 BlockHash(ulong number)
    {
        if (number == Point.Number) return Point.Hash;
        if (number > Point.Number) return Hash256.Zero;
        if (_blockHashes.TryGetValue(number, out Hash256 hash)) return hash;
        JsonElement block = _remote.Call("eth_getBlockByNumber", $"[\"{RemoteJson.Hex(number)}\",false]");
        hash = block.ValueKind == JsonValueKind.Object ? RemoteJson.Hash(block, "hash") : Hash256.Zero;
        _blockHashes[number] = hash;
        var key = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(key, number);
        _cache.Append([(BlockHashRecord, key, hash.ToArray())]);
        return hash;
    }

    private static byte[] EncodeAccount(RemoteAccount? account)
    {
        if (account is not { } a) return [];
        var value = new byte[8 + 32 + 32];
        BinaryPrimitives.WriteUInt64BigEndian(value, a.Nonce);
        a.Balance.WriteBigEndian(value.AsSpan(8, 32));
        a.CodeHash.CopyTo(value.AsSpan(40));
        return value;
    }

    /// <summary>One record of the cache file back into memory; records of unknown kinds or sizes are skipped.</summary>
    private void Load(byte kind, byte[] key, byte[] value)
    {
        switch (kind)
        {
            case AccountRecord when key.Length == Address.Size && value.Length is 0 or 72:
                _accounts[new Address(key)] = value.Length == 0 ? null
                    : new RemoteAccount(BinaryPrimitives.ReadUInt64BigEndian(value), UInt256.FromBigEndian(value.AsSpan(8, 32)), new Hash256(value.AsSpan(40)));
                break;
            case SlotRecord when key.Length == Address.Size + 32 && value.Length == 32:
                _slots[(new Address(key.AsSpan(0, Address.Size)), UInt256.FromBigEndian(key.AsSpan(Address.Size)))] = UInt256.FromBigEndian(value);
                break;
            case CodeRecord when key.Length == Hash256.Size:
                _code[new Hash256(key)] = value;
                break;
            case BlockHashRecord when key.Length == 8 && value.Length == Hash256.Size:
                _blockHashes[BinaryPrimitives.ReadUInt64BigEndian(key)] = new Hash256(value);
                break;
        }
    }

    public void Dispose()
    {
        _cache.Dispose();
        _remote.Dispose();
    }
}
