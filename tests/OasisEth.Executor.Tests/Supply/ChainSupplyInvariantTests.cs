using OasisEth.Mkvs;
using OasisEth.Primitives;
using OasisEth.State;
using OasisEth.State.Mkvs;
using OasisEth.Store.Rocks;

namespace OasisEth.Executor.Tests.Supply;

/// <summary>
/// The supply invariant through the real <see cref="Chain"/> on a temporary RocksDB directory: 120 random rounds
/// of transfers (to old and fresh accounts, legacy and EIP-1559, random tips), contract calls that store, revert or
/// self-destruct to their caller, contracts that self-destruct in their creating transaction with value (ether
/// destroyed), good and refused claims, and committees of every shape. Afterwards every kept round's committed
/// MKVS state is walked key by key (every 0x01 account) to sum all balances, and
/// pool + unclaimed + Σ balances + burned must be 21M OETH at each of them. Per round, the burned and unclaimed
/// figures must move by exactly what the receipts explain.
/// </summary>
[TestFixture]
public sealed class ChainSupplyInvariantTests
{
    private const int Accounts = 8;
    private const int EntityCount = 4;
    private const int Rounds = 120;
    private static readonly UInt256 ReleasedSlot = new(8);

    /// <summary>
    /// Runtime: first calldata byte 0xff → REVERT; 0xaa → SELFDESTRUCT(CALLER) (an old contract: only its balance
    /// moves, EIP-6780); otherwise SSTORE(0, CALLVALUE). Payable.
    /// </summary>
    private static readonly byte[] SinkRuntime = Hex.Decode(
        "60003560f81c" + "8060ff14601857" + "60aa14601e57" + "3460005500" + "5b60006000fd" + "5b33ff");

    /// <summary>CODECOPY the runtime to memory and return it.</summary>
    private static byte[] SinkCreation => [.. Hex.Decode("602180600b6000396000f3"), .. SinkRuntime];

    /// <summary>ADDRESS SELFDESTRUCT: the new contract destroys itself, beneficiary itself, in its creating
    /// transaction, so whatever value it was created with is burned (EIP-6780).</summary>
    private static readonly byte[] SelfBurnCreation = [0x30, 0xff];

    private static byte[] EntityKey(int i)
    {
        var seed = new byte[32];
        seed[0] = 0xe7;
        seed[31] = (byte)(i + 1);
        return seed;
    }

    /// <summary>Grant addresses of the halving case (developers 10%, community 5%); they receive nothing else.</summary>
    private static readonly Address[] GrantAddresses = [Address.FromLowUlong(0xde0), Address.FromLowUlong(0xc0c)];

    [TestCase(false, TestName = "Supply_adds_up_at_every_committed_round(flat schedule)")]
    [TestCase(true, TestName = "Supply_adds_up_at_every_committed_round(halving schedule with grants)")]
    public void Supply_adds_up_at_every_committed_round(bool halvingWithGrants)
    {
        string dir = Path.Combine(Path.GetTempPath(), "oasiseth-oeth-supply", Guid.NewGuid().ToString("N"));
        try
        {
            Run(dir, halvingWithGrants);
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    private static void Run(string dir, bool halvingWithGrants)
    {
        var random = new Random(424242);
        var funded = new (Address, UInt256)[Accounts];
        for (int i = 0; i < Accounts; i++) funded[i] = (TestAccounts.Address(i), new UInt256(1000) * GenesisConfig.Oeth);
        GenesisConfig genesis = GenesisConfig.Dev(funded, ChainFixture.ChainId) with
        {
            Rewards = halvingWithGrants
                // Halving every 3 epochs of 5 rounds: 120 rounds cross 8 halvings, unserved epochs caught up.
                ? RewardSchedule.Halving(new UInt256(7) * GenesisConfig.Oeth + new UInt256(3), 3, 5) with
                {
                    Grants = [new RewardGrant(GrantAddresses[0], 1_000), new RewardGrant(GrantAddresses[1], 500)],
                }
                : new RewardSchedule(new UInt256(7) * GenesisConfig.Oeth + new UInt256(3), 1000, 5),
        };
        byte[][] entityKeys = new byte[EntityCount][], entities = new byte[EntityCount][];
        for (int i = 0; i < EntityCount; i++)
        {
            entityKeys[i] = EntityKey(i);
            entities[i] = OethClaims.PublicKey(entityKeys[i]);
        }

        var recorded = new List<SupplyFigures>();
        UInt256 totalGranted = UInt256.Zero;
        int goodClaims = 0, refusedClaims = 0, selfBurns = 0, reverts = 0, sinkDestructs = 0;
        var sinks = new List<Address>();
        using (Chain chain = Chain.Open(dir, genesis, new ChainOptions { SyncCommits = false, KeptRounds = Rounds + 10 }))
        {
            recorded.Add(chain.GetSupply(0));
            for (int round = 1; round <= Rounds; round++)
            {
                IStateView before = chain.OpenState(chain.Head.Number);
                var txs = new List<byte[]>();
                var kinds = new List<(string Kind, UInt256 Value, UInt256 Claim)>();
                var claimedEntities = new HashSet<int>();
                foreach (int sender in Shuffle(random, Accounts))
                {
                    if (random.Next(3) == 0) continue; // this sender sits the round out
                    ulong nonce = before.GetNonce(TestAccounts.Address(sender));
                    UInt256 balance = before.GetBalance(TestAccounts.Address(sender));
                    UInt256 value = new UInt256((ulong)random.NextInt64(1, long.MaxValue)) % (balance / new UInt256(20));
                    ulong tip = (ulong)random.Next(0, 3) * 1_000_000_000UL + (ulong)random.Next(1000);
                    int pick = random.Next(10);
                    if (pick == 0 || (pick == 1 && sinks.Count == 0))
                    {
                        txs.Add(TestAccounts.Tx(sender, nonce, null, value, SinkCreation, gas: 200_000, tip: tip));
                        sinks.Add(OasisEth.Evm.ContractAddress.FromCreate(TestAccounts.Address(sender), nonce));
                        kinds.Add(("create", value, UInt256.Zero));
                    }
                    else if (pick == 1)
                    {
                        Address sink = sinks[random.Next(sinks.Count)];
                        byte selector = (byte)(random.Next(3) switch { 0 => 0xff, 1 => 0xaa, _ => 0x01 });
                        txs.Add(TestAccounts.Tx(sender, nonce, sink, value, [selector], gas: 100_000, tip: tip));
                        kinds.Add((selector switch { 0xff => "revert", 0xaa => "sink-destruct", _ => "store" }, value, UInt256.Zero));
                    }
                    else if (pick == 2)
                    {
                        txs.Add(TestAccounts.Tx(sender, nonce, null, value, SelfBurnCreation, gas: 100_000, tip: tip));
                        kinds.Add(("self-burn", value, UInt256.Zero));
                    }
                    else if (pick == 3)
                    {
                        int e = random.Next(EntityCount);
                        if (!claimedEntities.Add(e)) continue;
                        UInt256 accrued = OethLedger.GetAccrued(before, entities[e]);
                        ulong claimNonce = OethLedger.GetClaimNonce(before, entities[e]);
                        Address beneficiary = random.Next(2) == 0 ? TestAccounts.Address(random.Next(Accounts)) : Address.FromLowUlong(0x7000_0000UL + (ulong)round);
                        int fault = random.Next(5); // 0: replayed nonce, 1: value attached, else a good claim
                        ulong signedNonce = fault == 0 ? claimNonce + 1 : claimNonce;
                        UInt256 claimValue = fault == 1 ? UInt256.One : UInt256.Zero;
                        byte[] data = OethClaims.BuildCalldata(entityKeys[e], ChainFixture.ChainId, beneficiary, signedNonce);
                        txs.Add(TestAccounts.Tx(sender, nonce, OethClaims.Address, claimValue, data, gas: 60_000, tip: tip));
                        bool expectGood = fault > 1 && !accrued.IsZero;
                        kinds.Add((expectGood ? "claim" : "bad-claim", claimValue, expectGood ? accrued : UInt256.Zero));
                    }
                    else if (pick == 4)
                    {
                        txs.Add(TestAccounts.Legacy(sender, nonce, Address.FromLowUlong(0x6000_0000UL + (ulong)random.Next(50)), value,
                            gasPrice: 1_000_000_000UL + tip));
                        kinds.Add(("legacy", value, UInt256.Zero));
                    }
                    else
                    {
                        Address to = random.Next(2) == 0 ? TestAccounts.Address(random.Next(Accounts)) : Address.FromLowUlong(0x5000_0000UL + (ulong)random.Next(1000));
                        txs.Add(TestAccounts.Tx(sender, nonce, to, value, tip: tip));
                        kinds.Add(("transfer", value, UInt256.Zero));
                    }
                }

                var committee = new List<byte[]>();
                int size = random.Next(0, EntityCount + 2);
                for (int k = 0; k < size; k++) committee.Add(entities[random.Next(EntityCount)]);

                ulong number = chain.Head.Number + 1;
                RoundResult result = chain.ExecuteRound(new RoundInput(number, number * 6, txs, committee));
                Assert.That(result.Rejected, Is.Empty, $"round {number}: {string.Join("; ", result.Rejected.Select(r => r.Reason))}");

                UInt256 baseFee = result.Block.Header.BaseFee, feeBurn = UInt256.Zero, tips = UInt256.Zero;
                UInt256 destroyed = UInt256.Zero, claimed = UInt256.Zero;
                for (int i = 0; i < result.Receipts.Count; i++)
                {
                    StoredReceipt receipt = result.Receipts[i];
                    (string kind, UInt256 value, UInt256 claim) = kinds[i];
                    feeBurn += new UInt256(receipt.GasUsed) * baseFee;
                    tips += new UInt256(receipt.GasUsed) * (receipt.EffectiveGasPrice - baseFee);
                    switch (kind)
                    {
                        case "claim":
                            Assert.That(receipt.Success, Is.True, $"round {number}: a good claim");
                            claimed += claim;
                            goodClaims++;
                            break;
                        case "bad-claim":
                            Assert.That(receipt.Success, Is.False, $"round {number}: a bad claim");
                            refusedClaims++;
                            break;
                        case "self-burn":
                            Assert.That(receipt.Success, Is.True, $"round {number}: self-destruct in creation");
                            destroyed += value;
                            selfBurns++;
                            break;
                        case "revert":
                            Assert.That(receipt.Success, Is.False, $"round {number}: revert");
                            reverts++;
                            break;
                        case "sink-destruct":
                            Assert.That(receipt.Success, Is.True, $"round {number}: old contract self-destruct");
                            sinkDestructs++;
                            break;
                        default:
                            Assert.That(receipt.Success, Is.True, $"round {number}: {kind}");
                            break;
                    }
                }

                SupplyFigures prev = recorded[^1];
                SupplyFigures now = chain.GetSupply(number);
                IStateView after = chain.OpenState(number);
                UInt256 released = after.GetStorage(OethLedger.LedgerAddress, ReleasedSlot) - before.GetStorage(OethLedger.LedgerAddress, ReleasedSlot);
                UInt256 granted = UInt256.Zero;
                foreach (Address g in GrantAddresses) granted += after.GetBalance(g) - before.GetBalance(g);
                totalGranted += granted;
                Assert.Multiple(() =>
                {
                    Assert.That(now.Burned - prev.Burned, Is.EqualTo(feeBurn + destroyed), $"round {number}: burned = base fees + ether destroyed");
                    Assert.That(now.Unclaimed + claimed, Is.EqualTo(prev.Unclaimed + tips + released - granted), $"round {number}: unclaimed moves by tips + release - grants - claims");
                    Assert.That(prev.RewardPool - now.RewardPool, Is.EqualTo(released), $"round {number}: only the release leaves the pool");
                    Assert.That(after.GetBalance(OethLedger.FeeCollector), Is.EqualTo(UInt256.Zero), $"round {number}: the collector is swept");
                    Assert.That(after.GetBalance(OethClaims.Address), Is.EqualTo(UInt256.Zero), $"round {number}: nothing stranded at the claims address");
                });
                recorded.Add(now);
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(goodClaims, Is.GreaterThan(3), "claims ran");
            Assert.That(refusedClaims, Is.GreaterThan(3), "refused claims ran");
            Assert.That(selfBurns, Is.GreaterThan(3), "ether was destroyed");
            Assert.That(reverts, Is.GreaterThan(3), "reverts ran");
            Assert.That(sinkDestructs, Is.GreaterThan(3), "old contracts self-destructed");
            Assert.That(recorded[^1].Burned, Is.Not.EqualTo(UInt256.Zero));
            Assert.That(totalGranted.IsZero, Is.EqualTo(!halvingWithGrants), "grants paid exactly when the schedule has them");
        });

        // Every kept round's committed state, walked from the store: all accounts summed.
        using NodeStore store = NodeStore.Open(Path.Combine(dir, Chain.StoreDirectoryName));
        for (ulong n = 0; n <= Rounds; n++)
        {
            MkvsTree tree = store.OpenTree(n);
            UInt256 sum = UInt256.Zero;
            int accounts = 0;
            MkvsIterator it = tree.CreateIterator();
            for (it.Seek([StateSchema.AccountPrefix]); it.Valid && it.Key[0] == StateSchema.AccountPrefix; it.Next())
            {
                StateSchema.DecodeAccount(it.Value, out _, out UInt256 balance, out _);
                sum += balance;
                accounts++;
            }
            SupplyFigures figures = OethLedger.ReadSupply(new InMemoryWorldState(new MkvsStateReader(tree)));
            Assert.Multiple(() =>
            {
                Assert.That(figures.RewardPool + figures.Unclaimed + sum + figures.Burned, Is.EqualTo(OethLedger.TotalSupply), $"round {n}");
                Assert.That(figures.Circulating, Is.EqualTo(sum), $"round {n}");
                Assert.That(figures, Is.EqualTo(recorded[(int)n]), $"round {n}: the chain reported these figures");
                Assert.That(accounts, Is.GreaterThanOrEqualTo(Accounts + 1), $"round {n}: the walk saw the accounts");
            });
        }
    }

    private static int[] Shuffle(Random random, int count)
    {
        int[] order = Enumerable.Range(0, count).ToArray();
        random.Shuffle(order);
        return order;
    }
}
