using OasisEth.Primitives;

namespace OasisEth.Executor.Tests.Queries;

public sealed class GetLogsTests
{
    private static readonly Hash256 ApprovalTopic = Keccak.Compute("Approval(address,address,uint256)"u8);

    /// <summary>Two tokens, six blocks of mints, transfers and approvals, some blocks without logs.</summary>
    private static (ChainFixture Fixture, List<StoredLog> All, Address TokenA, Address TokenB) Build()
    {
        var f = new ChainFixture();
        Address a = BenchToken.CreatedBy(TestAccounts.Address(0), 0), b = BenchToken.CreatedBy(TestAccounts.Address(0), 1);
        var all = new List<StoredLog>();
        void Add(RoundResult r) => all.AddRange(r.Receipts.SelectMany(x => x.Logs));
        ulong n0 = 0;
        Add(f.Round(TestAccounts.Tx(0, n0++, null, 0, BenchToken.CreationCode(), gas: 2_000_000),
            TestAccounts.Tx(0, n0++, null, 0, BenchToken.CreationCode(), gas: 2_000_000)));
        Add(f.Round(TestAccounts.Tx(0, n0++, a, 0, BenchToken.Mint(TestAccounts.Address(1), 100), gas: 200_000),
            TestAccounts.Tx(0, n0++, b, 0, BenchToken.Mint(TestAccounts.Address(2), 100), gas: 200_000)));
        Add(f.Round(TestAccounts.Tx(3, 0, TestAccounts.Address(4), 1)));
        Add(f.Round(TestAccounts.Tx(1, 0, a, 0, BenchToken.Transfer(TestAccounts.Address(2), 10), gas: 100_000),
            TestAccounts.Tx(2, 0, b, 0, BenchToken.Transfer(TestAccounts.Address(1), 20), gas: 100_000),
            TestAccounts.Tx(1, 1, a, 0, BenchToken.Approve(TestAccounts.Address(3), 5), gas: 100_000)));
        Add(f.Round());
        Add(f.Round(TestAccounts.Tx(2, 1, b, 0, BenchToken.Transfer(TestAccounts.Address(5), 1), gas: 100_000)));
        return (f, all, a, b);
    }

    private static Hash256 Word(Address address) => Hash256.FromWord(address.ToWord());

    [Test]
    public void FiltersByAddressTopicsAndRangeLikeAReferencePredicate()
    {
        var (f, all, a, b) = Build();
        using var _ = f;
        Assert.That(all, Has.Count.EqualTo(6));
        Hash256 one = Word(TestAccounts.Address(1)), two = Word(TestAccounts.Address(2));
        var filters = new List<LogFilter>
        {
            new() { FromBlock = 0, ToBlock = 99 },
            new() { FromBlock = 0, ToBlock = 6, Addresses = [a] },
            new() { FromBlock = 0, ToBlock = 6, Addresses = [a, b] },
            new() { FromBlock = 3, ToBlock = 4 },
            new() { FromBlock = 2, ToBlock = 2 },
            new() { FromBlock = 0, ToBlock = 6, Topics = [[BenchToken.TransferTopic]] },
            new() { FromBlock = 0, ToBlock = 6, Topics = [[BenchToken.TransferTopic, ApprovalTopic]] },
            new() { FromBlock = 0, ToBlock = 6, Topics = [null, [one]] },
            new() { FromBlock = 0, ToBlock = 6, Topics = [[], [one, two]] },
            new() { FromBlock = 0, ToBlock = 6, Topics = [null, null, [one]] },
            new() { FromBlock = 0, ToBlock = 6, Addresses = [b], Topics = [[BenchToken.TransferTopic], null, [Word(TestAccounts.Address(5))]] },
            new() { FromBlock = 0, ToBlock = 6, Topics = [null, null, null, null] },
            new() { FromBlock = 0, ToBlock = 6, Addresses = [Address.FromLowUlong(1)] },
        };
        foreach (LogFilter filter in filters)
        {
            var expected = all.Where(l => l.BlockNumber >= filter.FromBlock && l.BlockNumber <= filter.ToBlock
                && (filter.Addresses.Count == 0 || filter.Addresses.Contains(l.Address))
                && filter.Topics.Count <= l.Topics.Length
                && filter.Topics.Select((t, i) => t is null || t.Count == 0 || t.Contains(l.Topics[i])).All(x => x)).ToList();
            IReadOnlyList<StoredLog> actual = f.Chain.GetLogs(filter, 100);
            Assert.That(actual.Select(Key), Is.EqualTo(expected.Select(Key)), $"filter {Describe(filter)}");
        }
        Assert.That(f.Chain.GetLogs(new LogFilter { FromBlock = 0, ToBlock = 6, Topics = [null, [one]] }, 100), Is.Not.Empty);
    }

    [Test]
    public void ByBlockHashOnlyThatBlock()
    {
        var (f, all, _, _) = Build();
        using var _ = f;
        BlockHeader block4 = f.Chain.GetHeader(4)!;
        IReadOnlyList<StoredLog> logs = f.Chain.GetLogs(new LogFilter { BlockHash = block4.Hash, FromBlock = 0, ToBlock = 0 }, 100);
        Assert.That(logs.Select(Key), Is.EqualTo(all.Where(l => l.BlockNumber == 4).Select(Key)));
        Assert.That(logs.Select(l => l.LogIndex), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.Throws<ChainQueryException>(() => f.Chain.GetLogs(new LogFilter { BlockHash = Keccak.Compute([9]) }, 100));
    }

    [Test]
    public void TooManyResultsAndBadRangesAreErrorsNotCutLists()
    {
        var (f, _, _, _) = Build();
        using var _ = f;
        var e = Assert.Throws<ChainQueryException>(() => f.Chain.GetLogs(new LogFilter { FromBlock = 0, ToBlock = 6 }, 5));
        Assert.That(e!.Message, Does.Contain("more than 5"));
        Assert.That(f.Chain.GetLogs(new LogFilter { FromBlock = 0, ToBlock = 6 }, 6), Has.Count.EqualTo(6));
        Assert.Throws<ChainQueryException>(() => f.Chain.GetLogs(new LogFilter { FromBlock = 5, ToBlock = 4 }, 100));
        Assert.That(f.Chain.GetLogs(new LogFilter { FromBlock = 50, ToBlock = 60 }, 100), Is.Empty);
    }

    [Test]
    public void RangeLimitIsEnforced()
    {
        using var f = new ChainFixture(options: new ChainOptions { SyncCommits = false, MaxLogBlockRange = 3 });
        for (int i = 0; i < 5; i++) f.Round();
        Assert.That(f.Chain.GetLogs(new LogFilter { FromBlock = 1, ToBlock = 3 }, 10), Is.Empty);
        Assert.Throws<ChainQueryException>(() => f.Chain.GetLogs(new LogFilter { FromBlock = 1, ToBlock = 4 }, 10));
    }

    private static string Key(StoredLog l) => $"{l.BlockNumber}/{l.LogIndex}/{l.TransactionHash}/{l.Address}";

    private static string Describe(LogFilter f) =>
        $"[{f.FromBlock},{f.ToBlock}] addr={f.Addresses.Count} topics={string.Join(",", f.Topics.Select(t => t?.Count ?? -1))}";
}
