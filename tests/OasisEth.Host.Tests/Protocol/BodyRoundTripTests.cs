using System.Formats.Cbor;
using OasisEth.Host.Protocol;
using OasisEth.Mkvs;
using static OasisEth.Host.Tests.Vectors;

namespace OasisEth.Host.Tests.Protocol;

/// <summary>
/// Every body with every field set: encodes canonically, decodes to the same type, and re-encodes to the same
/// bytes (a field name misspelt on one side only, or a field dropped by the reader, breaks the last step).
/// </summary>
public class BodyRoundTripTests
{
    private static readonly Hash256 H1 = Sha512_256.Hash("one"u8);
    private static readonly Hash256 H2 = Sha512_256.Hash("two"u8);

    private static BlockHeader Header() => new()
    {
        Version = 3,
        Namespace = RuntimeId,
        Round = 77,
        Timestamp = 1_700_000_123,
        HeaderType = HeaderType.EpochTransition,
        PreviousHash = H1,
        IoRoot = H2,
        StateRoot = H1,
        MessagesHash = H2,
        InMsgsHash = H1,
    };

    private static StorageRoot Root() => new(RuntimeId, 77, RootType.State, H1);

    private static IEnumerable<TestCaseData> Bodies()
    {
        var info = new RuntimeInfoRequest
        {
            RuntimeId = RuntimeId,
            ConsensusBackend = "tendermint",
            ConsensusProtocolVersion = new(7, 1, 2),
            ConsensusChainContext = "ctx",
        };
        info.LocalConfig["k"] = [0x01];
        yield return new TestCaseData(info).SetName("RuntimeInfoRequest");
        yield return new TestCaseData(new RuntimeInfoResponse
        {
            RuntimeVersion = new(1, 2, 3),
            Features = new Features { ScheduleControl = new(100), KeyManagerStatusUpdates = true, KeyManagerQuotePolicyUpdates = true, EndorsedCapabilityTee = true },
        }).SetName("RuntimeInfoResponse");
        yield return new TestCaseData(new ErrorBody("m", 9, "msg")).SetName("Error");
        yield return new TestCaseData(new ConsensusSyncRequest { Height = 1 << 40 }).SetName("ConsensusSync");
        yield return new TestCaseData(new CheckTxBatchRequest
        {
            ConsensusBlock = new LightBlock { Height = 99, Meta = [1, 2] },
            Inputs = [[1], [], [2, 3]],
            Block = new Block { Header = Header() },
            Epoch = 5,
            MaxMessages = 16,
        }).SetName("CheckTxBatchRequest");
        yield return new TestCaseData(new CheckTxBatchResponse
        {
            Results = [CheckTxResult.Ok(new CheckTxMetadata { Priority = 1, Sender = [9], SenderSeq = 2, SenderStateSeq = 1 }), CheckTxResult.Fail("evm", 3, "x")],
        }).SetName("CheckTxBatchResponse");
        yield return new TestCaseData(new ExecuteTxBatchRequest
        {
            Mode = ExecutionMode.Schedule,
            ConsensusBlock = new LightBlock { Height = -1, Meta = [7] },
            RoundResults = new RoundResults
            {
                Messages = [new MessageEvent { Module = "staking", Code = 2, Index = 1, Result = [0xf5] }],
                GoodComputeEntities = [H1],
                BadComputeEntities = [H2],
            },
            IoRoot = H2,
            Inputs = [[1, 2]],
            InMsgs = [new IncomingMessage { Id = 4, Caller = Enumerable.Repeat((byte)7, 21).ToArray(), Tag = 3, Fee = [1], Tokens = [2], Data = [3] }],
            Block = new Block { Header = Header() },
            Epoch = 8,
            MaxMessages = 2,
        }).SetName("ExecuteTxBatchRequest");
        yield return new TestCaseData(new ExecuteTxBatchResponse
        {
            Batch = new ComputedBatch
            {
                Header = new ComputeResultsHeader { Round = 78, PreviousHash = H1, IoRoot = H2, StateRoot = H1, MessagesHash = H2, InMsgsHash = H1, InMsgsCount = 2 },
                IoWriteLog = [new([1], [2]), new([3], [])],
                StateWriteLog = [new([4], null)],
                RakSig = Enumerable.Repeat((byte)5, 64).ToArray(),
                Messages = [[0xa0]],
            },
            TxHashes = [H1, H2],
            TxRejectHashes = [H2],
            TxInputRoot = H1,
            TxInputWriteLog = [new([5], [6])],
        }).SetName("ExecuteTxBatchResponse");
        yield return new TestCaseData(new QueryRequest
        {
            ConsensusBlock = new LightBlock { Height = 3 },
            Header = Header(),
            Epoch = 1,
            MaxMessages = 1,
            Method = "evm.Call",
            Args = [1],
        }).SetName("QueryRequest");
        yield return new TestCaseData(new QueryResponse { Data = [4, 5] }).SetName("QueryResponse");
        yield return new TestCaseData(new FetchTxBatchRequest { Offset = H1, Limit = 10 }).SetName("HostFetchTxBatchRequest");
        yield return new TestCaseData(new FetchTxBatchResponse { Batch = [[1], [2]] }).SetName("HostFetchTxBatchResponse");
        yield return new TestCaseData(new StorageSyncRequest
        {
            Op = new SyncGetRequest { Tree = new TreeId(Root(), H2), Key = [1], IncludeSiblings = true, ProofVersion = 1 },
        }).SetName("SyncGet");
        yield return new TestCaseData(new StorageSyncRequest
        {
            Endpoint = HostStorageEndpoint.Consensus,
            Op = new SyncGetPrefixesRequest { Tree = new TreeId(Root(), H1), Prefixes = [[1], [2]], Limit = 5, ProofVersion = 1 },
        }).SetName("SyncGetPrefixes");
        yield return new TestCaseData(new StorageSyncRequest
        {
            Op = new SyncIterateRequest { Tree = new TreeId(Root(), H1), Key = [9], Prefetch = 20 },
        }).SetName("SyncIterate");
        var tree = new MkvsTree();
        tree.Insert([1], [2]);
        tree.Insert([3], [4]);
        tree.Commit();
        yield return new TestCaseData(new StorageSyncResponse { Proof = tree.GetProof([1], 1) }).SetName("HostStorageSyncResponse");
    }

    [TestCaseSource(nameof(Bodies))]
    public void RoundTripsByteExactly(Body body)
    {
        var bytes = RhpMessage.Request(12345, body).Encode();
        Assert.DoesNotThrow(() => new CborReader(bytes, CborConformanceMode.Canonical).SkipValue(), "canonical");
        var back = RhpMessage.TryDecode(bytes, out _, out var error);
        Assert.That(back, Is.Not.Null, error);
        Assert.That(back!.Body.GetType(), Is.EqualTo(body.GetType()), (back.Body as UnknownBody)?.Error);
        Assert.That(ToHex(back.Encode()), Is.EqualTo(ToHex(bytes)));
    }
}
