using System.Formats.Cbor;
using OasisEth.Host.Protocol;
using OasisEth.Mkvs;
using OasisEth.Primitives;

namespace OasisEth.ParaTime.Tests.TestHost;

/// <summary>
/// The consensus side of the test: the runtime's Oasis block chain (genesis header, then one Normal header per
/// round), the requests a compute node sends for the next round, and every check oasis-node makes on the answer
/// (rhp-spec §15.2 items 6-8): the proposal drawn only from what was offered, no duplicates, the input root rebuilt
/// here from the raw transactions, the I/O root and the state root recomputed by replaying the write logs on the
/// host's own trees, the header's round, previous hash and message hashes.
/// </summary>
internal sealed class HostChain(HostStorage storage, ulong genesisTimestamp = 1_700_000_000)
{
    public const ulong SecondsPerRound = 6;

    public HostStorage Storage { get; } = storage;

    /// <summary>The latest Oasis block header (round 0: the runtime's genesis block, empty state).</summary>
    public BlockHeader Head { get; private set; } = new()
    {
        Version = 0,
        Namespace = FakeOasisNode.RuntimeId,
        Round = 0,
        Timestamp = genesisTimestamp,
        HeaderType = HeaderType.Normal,
        PreviousHash = Sha512_256.EmptyHash,
        IoRoot = Sha512_256.EmptyHash,
        StateRoot = Sha512_256.EmptyHash,
        MessagesHash = Sha512_256.EmptyHash,
        InMsgsHash = Sha512_256.EmptyHash,
    };

    public List<Hash256> GoodEntities { get; } = [];

    public ExecuteTxBatchRequest ScheduleRequest(IReadOnlyList<byte[]> offered) => new()
    {
        Mode = ExecutionMode.Schedule,
        ConsensusBlock = new LightBlock { Height = (long)Head.Round + 10, Meta = [] },
        RoundResults = new RoundResults { GoodComputeEntities = [.. GoodEntities] },
        IoRoot = default,
        Inputs = [.. offered],
        Block = new Block { Header = Head },
        Epoch = Head.Round / 100,
        MaxMessages = 0,
    };

    /// <summary>The replica's request: the proposer's batch in its order and its input root.</summary>
    public ExecuteTxBatchRequest ExecuteRequest(IReadOnlyList<byte[]> proposed, Hash256 inputRoot) => new()
    {
        Mode = ExecutionMode.Execute,
        ConsensusBlock = new LightBlock { Height = (long)Head.Round + 10, Meta = [] },
        RoundResults = new RoundResults { GoodComputeEntities = [.. GoodEntities] },
        IoRoot = inputRoot,
        Inputs = [.. proposed],
        Block = new Block { Header = Head },
        Epoch = Head.Round / 100,
    };

    public CheckTxBatchRequest CheckRequest(IReadOnlyList<byte[]> inputs) => new()
    {
        ConsensusBlock = new LightBlock { Height = (long)Head.Round + 10 },
        Inputs = [.. inputs],
        Block = new Block { Header = Head },
        Epoch = Head.Round / 100,
    };

    public QueryRequest Query(string method, byte[] args) => new()
    {
        ConsensusBlock = new LightBlock { Height = (long)Head.Round + 10 },
        Header = Head,
        Epoch = Head.Round / 100,
        Method = method,
        Args = args,
    };

    /// <summary>
    /// Checks a Schedule-mode answer as the node does and returns the proposed raw transactions in order.
    /// <paramref name="offered"/> is everything the runtime was given (the request's inputs and what it fetched).
    /// </summary>
    public List<byte[]> CheckProposal(ExecuteTxBatchResponse response, IReadOnlyCollection<byte[]> offered, uint maxBatchSize, ulong maxBatchBytes)
    {
        var byHash = new Dictionary<Hash256, byte[]>();
        foreach (byte[] raw in offered) byHash[Sha512_256.Hash(raw)] = raw;
        var proposed = new List<byte[]>();
        var seen = new HashSet<Hash256>();
        ulong bytes = 0;
        foreach (Hash256 hash in response.TxHashes)
        {
            Assert.That(byHash.TryGetValue(hash, out byte[]? raw), Is.True, $"tx_hashes holds {hash}, which was never offered");
            Assert.That(seen.Add(hash), Is.True, $"tx_hashes holds {hash} twice");
            proposed.Add(raw!);
            bytes += (ulong)raw!.Length;
        }
        Assert.That(proposed, Has.Count.LessThanOrEqualTo((int)maxBatchSize), "max_batch_size");
        Assert.That(bytes, Is.LessThanOrEqualTo(maxBatchBytes), "max_batch_size_bytes");
        foreach (Hash256 rejected in response.TxRejectHashes)
        {
            Assert.That(byHash.ContainsKey(rejected), Is.True, $"tx_reject_hashes holds {rejected}, which was never offered");
            Assert.That(seen.Contains(rejected), Is.False, $"{rejected} is both proposed and rejected");
        }
        Assert.That(response.TxInputRoot, Is.EqualTo(InputRoot(proposed)), "tx_input_root vs the host's own I/O tree of the proposal");
        return proposed;
    }

    /// <summary>
    /// Checks the commitment of a round (either mode) by replaying its write logs on the host's trees, then makes the
    /// round's Oasis block the new head.
    /// </summary>
    public void CheckAndFinalize(ExecuteTxBatchResponse response)
    {
        ComputeResultsHeader h = response.Batch.Header;
        Assert.That(h.Round, Is.EqualTo(Head.Round + 1), "round");
        Assert.That(h.PreviousHash, Is.EqualTo(Head.Hash()), "previous_hash");
        Assert.That(h.MessagesHash, Is.EqualTo(Sha512_256.EmptyHash), "messages_hash");
        Assert.That(h.InMsgsHash, Is.EqualTo(Sha512_256.EmptyHash), "in_msgs_hash");
        Assert.That(h.InMsgsCount, Is.Zero, "in_msgs_count");
        Assert.That(response.Batch.Messages, Is.Empty, "messages");
        Assert.That(response.Batch.RakSig, Is.EqualTo(new byte[64]), "rak_sig");

        // The I/O tree from the empty tree: the input log alone gives the input root, both logs the I/O root.
        var io = new MkvsTree();
        MkvsWriteLog.Apply(io, response.TxInputWriteLog);
        Assert.That(io.Commit().Root, Is.EqualTo(response.TxInputRoot), "tx_input_write_log replayed");
        MkvsWriteLog.Apply(io, response.Batch.IoWriteLog);
        Assert.That(io.Commit().Root, Is.EqualTo(h.IoRoot), "io_write_log replayed");

        Hash256 stateRoot = Storage.Apply(Head.StateRoot, response.Batch.StateWriteLog);
        Assert.That(stateRoot, Is.EqualTo(h.StateRoot), "state_write_log replayed on the host's tree");

        Head = new BlockHeader
        {
            Version = 0,
            Namespace = Head.Namespace,
            Round = h.Round,
            Timestamp = Head.Timestamp + SecondsPerRound,
            HeaderType = HeaderType.Normal,
            PreviousHash = Head.Hash(),
            IoRoot = h.IoRoot!.Value,
            StateRoot = h.StateRoot!.Value,
            MessagesHash = h.MessagesHash!.Value,
            InMsgsHash = h.InMsgsHash!.Value,
        };
    }

    /// <summary>The input-only I/O tree, built here from the spec (§8), not with the runtime's code.</summary>
    public static Hash256 InputRoot(IReadOnlyList<byte[]> raws)
    {
        var tree = new MkvsTree();
        for (int i = 0; i < raws.Count; i++)
        {
            var key = new byte[1 + 32 + 1];
            key[0] = (byte)'T';
            Sha512_256.Hash(raws[i]).CopyTo(key.AsSpan(1));
            key[^1] = 0x01;
            var w = new CborWriter(CborConformanceMode.Canonical);
            w.WriteStartArray(2);
            w.WriteByteString(raws[i]);
            w.WriteUInt32((uint)i);
            w.WriteEndArray();
            tree.Insert(key, w.Encode());
        }
        return tree.Commit().Root;
    }
}
