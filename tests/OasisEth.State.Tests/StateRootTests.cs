using System.Text.Json;
using OasisEth.Primitives;
using OasisEth.Tests.Shared;
using static OasisEth.State.Tests.TestAddresses;

namespace OasisEth.State.Tests;

/// <summary>
/// State roots against GeneralStateTests: a post entry with <c>expectException</c> (a rejected transaction,
/// Cancun: no coinbase quirk) carries the root of <c>pre</c> itself, so loading <c>pre</c> must reproduce it.
/// Fixtures are read in place from the shared conformance folder.
/// </summary>
public class StateRootTests
{
    private static readonly string[] Fixtures =
    [
        "stEIP1559/lowGasLimit.json",                                       // code + one storage slot
        "stSpecialTest/eoaEmptyParis.json",                                 // 7 accounts, storage
        "stEIP3607/transactionCollidingWithNonEmptyAccount_init_Paris.json", // 4 accounts
        "stEIP1559/intrinsic.json",
        "stTransactionTest/NoSrcAccount.json",
    ];

    [TestCaseSource(nameof(Fixtures))]
    public void RootOfPre_MatchesRejectedTransactionPostHash(string fixture)
    {
        int checkedEntries = 0;
        foreach (var (state, expected) in RejectedCases(fixture))
        {
            Assert.That(state.ComputeStateRoot(), Is.EqualTo(expected), fixture);
            checkedEntries++;
        }
        Assert.That(checkedEntries, Is.GreaterThan(0), "fixture has no expectException entry");
    }

    [TestCaseSource(nameof(Fixtures))]
    public void RevertedChanges_LeaveRootOfPre(string fixture)
    {
        foreach (var (state, expected) in RejectedCases(fixture))
        {
            state.BeginTransaction();
            int snapshot = state.TakeSnapshot();
            foreach (InMemoryWorldState.AccountDump account in state.Dump())
            {
                state.AddBalance(account.Address, 1);
                state.IncrementNonce(account.Address);
                state.SetStorage(account.Address, 0, 0x1234);
                state.SetCode(account.Address, [0x00]);
            }
            state.CreateContractAccount(A);
            state.MarkSelfDestructed(B);
            Assert.That(state.ComputeStateRoot(), Is.Not.EqualTo(expected));
            state.Restore(snapshot);
            state.CommitTransaction(deleteTouchedEmpty: true);
            Assert.That(state.ComputeStateRoot(), Is.EqualTo(expected), fixture);
            return;
        }
        Assert.Fail("fixture has no expectException entry");
    }

    [Test]
    public void EmptyState_HasEmptyTrieRoot()
    {
        var state = new InMemoryWorldState();
        Assert.That(state.ComputeStateRoot(), Is.EqualTo(Hash256.EmptyTrie));
        Assert.That(state.ComputeStorageRoot(A), Is.EqualTo(Hash256.EmptyTrie));
    }

    [Test]
    public void ZeroSlot_IsLeftOutOfStorageRoot()
    {
        var withZero = StateWith(A, 1, 1, null, (1, 1));
        withZero.SetStorage(A, 2, 5);
        withZero.SetStorage(A, 2, 0);
        var without = StateWith(A, 1, 1, null, (1, 1));
        Assert.That(withZero.ComputeStorageRoot(A), Is.EqualTo(without.ComputeStorageRoot(A)));
        Assert.That(withZero.ComputeStateRoot(), Is.EqualTo(without.ComputeStateRoot()));
        Assert.That(without.ComputeStorageRoot(A), Is.Not.EqualTo(Hash256.EmptyTrie));
        withZero.SetStorage(A, 1, 0);
        Assert.That(withZero.ComputeStorageRoot(A), Is.EqualTo(Hash256.EmptyTrie));
    }

    [Test]
    public void StorageRoot_OfOneSlot_MatchesHandComputedLeaf()
    {
        // A trie with one leaf is keccak(rlp([hex-prefix(path, leaf), value])); path = keccak(slot) in full.
        var state = StateWith(A, 1, 1, null, (1, 1));
        Span<byte> slot = stackalloc byte[32];
        ((UInt256)1).WriteBigEndian(slot);
        byte[] path = Keccak.Compute(slot).ToArray();
        byte[] hexPrefixed = [0x20, .. path]; // leaf flag, even length
        byte[] node = OasisEth.Primitives.Rlp.Rlp.EncodeList(
            OasisEth.Primitives.Rlp.Rlp.EncodeBytes(hexPrefixed),
            OasisEth.Primitives.Rlp.Rlp.EncodeBytes(OasisEth.Primitives.Rlp.Rlp.EncodeUInt256(1)));
        Assert.That(state.ComputeStorageRoot(A), Is.EqualTo(Keccak.Compute(node)));
    }

    private static IEnumerable<(InMemoryWorldState State, Hash256 Expected)> RejectedCases(string fixture)
    {
        string path = SharedFixtures.Path("GeneralStateTests", fixture);
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        var cases = new List<(InMemoryWorldState, Hash256)>();
        foreach (JsonProperty test in document.RootElement.EnumerateObject())
        {
            JsonElement posts = test.Value.GetProperty("post");
            if (!posts.TryGetProperty("Cancun", out JsonElement entries)) continue;
            foreach (JsonElement entry in entries.EnumerateArray())
            {
                if (!entry.TryGetProperty("expectException", out _)) continue;
                cases.Add((LoadPre(test.Value.GetProperty("pre")), Hash256.Parse(entry.GetProperty("hash").GetString()!)));
            }
        }
        return cases;
    }

    private static InMemoryWorldState LoadPre(JsonElement pre)
    {
        var state = new InMemoryWorldState();
        foreach (JsonProperty account in pre.EnumerateObject())
        {
            var storage = new List<KeyValuePair<UInt256, UInt256>>();
            foreach (JsonProperty slot in account.Value.GetProperty("storage").EnumerateObject())
            {
                storage.Add(new(Word(slot.Name), Word(slot.Value.GetString()!)));
            }
            state.SetAccount(Address.Parse(account.Name),
                Word(account.Value.GetProperty("nonce").GetString()!).u0,
                Word(account.Value.GetProperty("balance").GetString()!),
                Hex.Decode(account.Value.GetProperty("code").GetString()!),
                storage);
        }
        return state;
    }

    private static UInt256 Word(string hex) => UInt256.FromBigEndian(Hex.Decode(hex));
}
