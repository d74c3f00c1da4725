using OasisEth.Host.IoTree;
using OasisEth.Host.Protocol;
using OasisEth.Host.Storage;
using OasisEth.Host.Tests.Dispatch;
using OasisEth.Mkvs;
using static OasisEth.Host.Tests.Vectors;

namespace OasisEth.Host.Tests.Storage;

/// <summary>
/// One round end to end over a real socket: the handler reads and changes state through HostStorageSync
/// requests the test host answers from its own tree, builds the I/O tree, and the host checks both roots by
/// replaying the write logs (rhp-spec §6.3, §9.3, §15.2 items 6, 7, 9).
/// </summary>
public class StateOverConnectionTests
{
    [Test]
    public void AnExecuteRoundReadsStateThroughTheHostAndItsRootsReplay()
    {
        var hostState = new MkvsTree();
        for (int i = 0; i < 64; i++) hostState.Insert(Ascii($"acct {i}"), Ascii($"balance {i}"));
        hostState.Commit();
        var cache = new NodeCache();

        var logic = new ScriptedLogic
        {
            OnExecute = (request, host, ct) =>
            {
                var header = request.Block.Header;
                var state = HostNodeSource.OpenTree(host, StorageRoot.StateOf(header), cache, ct);
                var io = new IoTreeBuilder();
                var hashes = new List<Hash256>();
                for (int i = 0; i < request.Inputs.Count; i++) hashes.Add(io.AddInput(request.Inputs[i], (uint)i));
                var inputs = io.CommitInputs();
                foreach (var (raw, hash) in request.Inputs.Zip(hashes))
                {
                    // "tx" = "move <from> <to>": copy one balance to another key and delete the source.
                    var parts = System.Text.Encoding.ASCII.GetString(raw).Split(' ');
                    var value = state.Get(Ascii($"acct {parts[1]}")) ?? throw new InvalidOperationException("missing account");
                    state.Insert(Ascii($"acct {parts[2]}"), value);
                    state.Remove(Ascii($"acct {parts[1]}"));
                    io.AddOutput(hash, value);
                }
                var ioFinal = io.Commit();
                var (stateRoot, stateLog) = state.Commit();
                return new ExecuteTxBatchResponse
                {
                    Batch = new ComputedBatch
                    {
                        Header = new ComputeResultsHeader
                        {
                            Round = header.Round + 1,
                            PreviousHash = header.Hash(),
                            IoRoot = ioFinal.Root,
                            StateRoot = stateRoot,
                            MessagesHash = Sha512_256.EmptyHash,
                            InMsgsHash = Sha512_256.EmptyHash,
                        },
                        IoWriteLog = [.. ioFinal.WriteLog],
                        StateWriteLog = [.. stateLog],
                    },
                    TxHashes = hashes,
                    TxInputRoot = inputs.Root,
                    TxInputWriteLog = [.. inputs.WriteLog],
                };
            },
        };

        using var host = new TestHost(logic);
        host.Handshake();
        var block = new Block { Header = GenesisHeader() };
        block.Header.Round = 9;
        block.Header.StateRoot = hostState.Root;
        byte[][] txs = [Ascii("move 3 100"), Ascii("move 40 3"), Ascii("move 17 18")];
        ulong execute = host.Send(new ExecuteTxBatchRequest { Mode = ExecutionMode.Schedule, Inputs = [.. txs], Block = block });

        ExecuteTxBatchResponse? response = null;
        int syncs = 0;
        while (response is null)
        {
            var message = host.Read();
            if (message.Type == MessageType.Response)
            {
                Assert.That(message.Id, Is.EqualTo(execute));
                response = message.Body as ExecuteTxBatchResponse ?? throw new AssertionException($"runtime answered {message.Body}");
                break;
            }
            var sync = (StorageSyncRequest)message.Body;
            Assert.That(sync.Endpoint, Is.EqualTo(HostStorageEndpoint.Runtime));
            var get = (SyncGetRequest)sync.Op;
            Assert.That(get.Tree.Root, Is.EqualTo(new StorageRoot(RuntimeId, 9, RootType.State, hostState.Root)));
            var proof = hostState.GetProof(get.Key, 0, get.IncludeSiblings, get.Tree.Position);
            host.SendMessage(RhpMessage.Response(message.Id, new StorageSyncResponse { Proof = proof }));
            syncs++;
        }
        Assert.That(syncs, Is.GreaterThan(0));

        // The node's checks: state log onto the previous state, input log ++ io log onto the empty tree.
        MkvsWriteLog.Apply(hostState, response.Batch.StateWriteLog);
        Assert.That(hostState.Commit().Root, Is.EqualTo(response.Batch.Header.StateRoot));
        Assert.That(hostState.Get(Ascii("acct 100")), Is.EqualTo(Ascii("balance 3")));
        Assert.That(hostState.Get(Ascii("acct 40")), Is.Null);
        var ioTree = new MkvsTree();
        MkvsWriteLog.Apply(ioTree, response.TxInputWriteLog);
        Assert.That(ioTree.Commit().Root, Is.EqualTo(response.TxInputRoot));
        MkvsWriteLog.Apply(ioTree, response.Batch.IoWriteLog);
        Assert.That(ioTree.Commit().Root, Is.EqualTo(response.Batch.Header.IoRoot));
        Assert.That(response.TxHashes, Is.EqualTo(txs.Select(t => Sha512_256.Hash(t)).ToList()));
        Assert.That(response.Batch.Header.PreviousHash, Is.EqualTo(block.Header.Hash()));
    }
}
