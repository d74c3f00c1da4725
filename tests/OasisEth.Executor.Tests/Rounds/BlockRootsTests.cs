using OasisEth.Transactions;
using OasisEth.Primitives;
using OasisEth.Primitives.Rlp;

namespace OasisEth.Executor.Tests.Rounds;

/// <summary>The header's roots, hash and size against independent computations.</summary>
public sealed class BlockRootsTests
{
    [Test]
    public void ReferenceTrieKnowsTheEmptyRoot() =>
        Assert.That(ReferenceTrie.Root([]), Is.EqualTo(Hash256.EmptyTrie));

    [Test]
    public void TransactionsAndReceiptsRootsMatchAReferenceTrie()
    {
        // No decoded blocks kept: reads below decode the stored records (and recover senders in parallel).
        using var f = new ChainFixture(accounts: 8, options: new ChainOptions { SyncCommits = false, RecentBlocks = 0 });
        Address token = BenchToken.CreatedBy(TestAccounts.Address(0), 0);
        f.Round(TestAccounts.Tx(0, 0, null, 0, BenchToken.CreationCode(), gas: 2_000_000),
            TestAccounts.Tx(0, 1, token, 0, BenchToken.Mint(TestAccounts.Address(1), 1_000_000), gas: 200_000));

        // 140 entries: more than 128, so keys rlp(i) take one and two bytes; legacy, 1559 and a reverting call.
        var batch = new List<byte[]>();
        var nonces = new ulong[8];
        nonces[0] = 2;
        for (int i = 0; i < 140; i++)
        {
            int from = i % 8;
            byte[] raw = (i % 7) switch
            {
                0 => TestAccounts.Legacy(from, nonces[from], TestAccounts.Address((from + 1) % 8), (ulong)i),
                1 => TestAccounts.Tx(from, nonces[from], token, 0, BenchToken.Transfer(TestAccounts.Address(2), from == 1 ? 5UL : 1_000_000_000UL), gas: 100_000),
                _ => TestAccounts.Tx(from, nonces[from], TestAccounts.Address((from + 3) % 8), (ulong)i),
            };
            nonces[from]++;
            batch.Add(raw);
        }
        RoundResult r = f.Round([.. batch]);
        Assert.That(r.Rejected, Is.Empty);
        Assert.That(r.Receipts.Any(x => !x.Success), Is.True);
        Assert.That(r.Receipts.Any(x => x.Logs.Count > 0), Is.True);

        var txEntries = new List<(byte[], byte[])>();
        var receiptEntries = new List<(byte[], byte[])>();
        for (int i = 0; i < batch.Count; i++)
        {
            txEntries.Add((Rlp.EncodeULong((ulong)i), batch[i]));
            receiptEntries.Add((Rlp.EncodeULong((ulong)i), EncodeReceipt(r.Receipts[i])));
        }
        BlockHeader header = r.Block.Header;
        Assert.That(header.TransactionsRoot, Is.EqualTo(ReferenceTrie.Root(txEntries)));
        Assert.That(header.ReceiptsRoot, Is.EqualTo(ReferenceTrie.Root(receiptEntries)));
        Assert.That(f.Chain.GetHeader(header.Number)!.ReceiptsRoot, Is.EqualTo(header.ReceiptsRoot));
        Block stored = f.Chain.GetBlock(header.Number)!;
        Assert.That(stored.Transactions.Select(t => t.Transaction.Sender), Is.EqualTo(r.Block.Transactions.Select(t => t.Transaction.Sender)));
        Assert.That(stored.Transactions.Select(t => t.Index), Is.EqualTo(Enumerable.Range(0, 140)));
    }

    [Test]
    public void HeaderHashIsKeccakOfTheSixteenFieldLayoutAndSizeCountsTheBody()
    {
        using var f = new ChainFixture();
        byte[] legacy = TestAccounts.Legacy(0, 0, TestAccounts.Address(1), 1);
        byte[] typed = TestAccounts.Tx(1, 0, TestAccounts.Address(2), 1);
        BlockHeader h = f.Round(legacy, typed).Block.Header;
        byte[] expected = Rlp.EncodeList(
            Rlp.EncodeBytes(h.ParentHash.Bytes), Rlp.EncodeBytes(Keccak.Compute(Rlp.EncodeList()).Bytes), Rlp.EncodeBytes(h.Coinbase.Bytes),
            Rlp.EncodeBytes(h.StateRoot.Bytes), Rlp.EncodeBytes(h.TransactionsRoot.Bytes), Rlp.EncodeBytes(h.ReceiptsRoot.Bytes),
            Rlp.EncodeBytes(h.LogsBloom), Rlp.EncodeBytes([]), Rlp.EncodeULong(h.Number), Rlp.EncodeULong(h.GasLimit),
            Rlp.EncodeULong(h.GasUsed), Rlp.EncodeULong(h.Timestamp), Rlp.EncodeBytes(h.ExtraData), Rlp.EncodeBytes(h.MixHash.Bytes),
            Rlp.EncodeBytes(new byte[8]), Rlp.EncodeUInt256(h.BaseFee));
        Assert.That(h.Hash, Is.EqualTo(Keccak.Compute(expected)));
        byte[] block = Rlp.EncodeList(expected, Rlp.EncodeList(legacy, Rlp.EncodeBytes(typed)), Rlp.EncodeList());
        Assert.That(h.Size, Is.EqualTo((ulong)block.Length));
        Assert.That(h.MixHash, Is.EqualTo(f.Chain.GetHeader(0)!.Hash));
        Assert.That(h.Timestamp, Is.EqualTo(6UL));
    }

    /// <summary>EIP-2718 receipt: type ‖ rlp([status, cumulativeGas, bloom, [[address, [topics], data]]]).</summary>
    private static byte[] EncodeReceipt(StoredReceipt r)
    {
        var logs = r.Logs.Select(l => Rlp.EncodeList(Rlp.EncodeBytes(l.Address.Bytes),
            Rlp.EncodeList(l.Topics.Select(t => Rlp.EncodeBytes(t.Bytes)).ToArray()), Rlp.EncodeBytes(l.Data))).ToArray();
        var bloom = new byte[256];
        foreach (StoredLog l in r.Logs)
        {
            foreach (byte[] item in new[] { l.Address.ToArray() }.Concat(l.Topics.Select(t => t.ToArray())))
            {
                byte[] h = Keccak.Compute(item).ToArray();
                for (int i = 0; i < 6; i += 2)
                {
                    int bit = ((h[i] << 8) | h[i + 1]) & 2047;
                    bloom[255 - bit / 8] |= (byte)(1 << (bit % 8));
                }
            }
        }
        Assert.That(r.LogsBloom, Is.EqualTo(bloom));
        byte[] body = Rlp.EncodeList(r.Success ? [0x01] : Rlp.EncodeBytes([]), Rlp.EncodeULong(r.CumulativeGasUsed), Rlp.EncodeBytes(bloom), Rlp.EncodeList(logs));
        return r.Type == TxType.Legacy ? body : [(byte)r.Type, .. body];
    }
}
