using System.Text;
using NUnit.Framework;
using OasisEth.Transactions;
using OasisEth.Primitives;
using OasisEth.StateTest;

namespace OasisEth.Conformance.Tests;

/// <summary>The fixture parser on small hand-written fixtures: every field lands where the runner expects it, the
/// transaction type follows the fields, and malformed input becomes an error for that test or file only.</summary>
[TestFixture]
public class FixtureLoaderTests
{
    private const string Sample = """
    {
      "first": {
        "_info": { "comment": "ignored" },
        "config": { "chainid": "0x05", "blobSchedule": { "Prague": { "target": "0x06", "max": "0x09", "baseFeeUpdateFraction": "0x4c6964" } } },
        "env": {
          "currentCoinbase": "0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba",
          "currentNumber": "0x01", "currentTimestamp": "0x03e8", "currentGasLimit": "0x02540be400",
          "currentDifficulty": "0x020000", "currentBaseFee": "0x0a",
          "currentRandom": "0x0000000000000000000000000000000000000000000000000000000000020000",
          "currentExcessBlobGas": "0x080000"
        },
        "pre": {
          "0x1000000000000000000000000000000000000000": { "balance": "0x00", "code": "0x4660015500", "nonce": "0x01",
            "storage": { "0x02": "0x0b", "0x01": "0x0a" } },
          "0x0000000000000000000000000000000000000001": { "balance": "0x3635c9adc5dea00000", "code": "0x", "nonce": "0x00", "storage": {} }
        },
        "transaction": {
          "data": [ "0x", "0xdeadbeef" ],
          "gasLimit": [ "0x05f5e100", "0x010000000000000000" ],
          "gasPrice": "0x0a",
          "nonce": "0x00",
          "secretKey": "0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8",
          "sender": "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b",
          "to": "",
          "value": [ "0x00", "0x:bigint 0x10000000000000000000000000000000000000000000000000000000000000001" ],
          "accessLists": [ null, [ { "address": "0x1000000000000000000000000000000000000000", "storageKeys": [ "0x01" ] } ] ]
        },
        "post": {
          "Cancun": [
            { "hash": "0x6deacaf89a38b9bbc1e95ac01d3a04a499c7107ddbb39ea2f3daa556b6c28d0b",
              "logs": "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347",
              "indexes": { "data": 0, "gas": 0, "value": 0 }, "txbytes": "0xf861" },
            { "hash": "0x6deacaf89a38b9bbc1e95ac01d3a04a499c7107ddbb39ea2f3daa556b6c28d0b",
              "logs": "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347",
              "indexes": { "data": 1, "gas": 1, "value": 1 }, "txbytes": "0x01f8",
              "expectException": "TransactionException.INTRINSIC_GAS_TOO_LOW" }
          ],
          "EIP150": [
            { "hash": "0x6deacaf89a38b9bbc1e95ac01d3a04a499c7107ddbb39ea2f3daa556b6c28d0b",
              "logs": "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347",
              "indexes": { "data": 0, "gas": 0, "value": 0 } },
            { "hash": "0x6deacaf89a38b9bbc1e95ac01d3a04a499c7107ddbb39ea2f3daa556b6c28d0b",
              "logs": "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347",
              "indexes": { "data": 0, "gas": 0, "value": 0 } }
          ],
          "Osaka": [
            { "hash": "0x6deacaf89a38b9bbc1e95ac01d3a04a499c7107ddbb39ea2f3daa556b6c28d0b",
              "logs": "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347",
              "indexes": { "data": 0, "gas": 0, "value": 0 } }
          ]
        }
      },
      "second": {
        "env": { "currentCoinbase": "0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba", "currentNumber": "0x01",
                 "currentTimestamp": "0x03e8", "currentGasLimit": "0x02540be400", "currentDifficulty": "0x00" },
        "pre": {},
        "transaction": {
          "data": [ "0x" ], "gasLimit": [ "0x5208" ], "value": [ "0x01" ], "nonce": "0x00",
          "maxFeePerGas": "0x07", "maxPriorityFeePerGas": "0x02", "to": "0x1000000000000000000000000000000000000000",
          "sender": "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b",
          "maxFeePerBlobGas": "0x01",
          "blobVersionedHashes": [ "0x0100000000000000000000000000000000000000000000000000000000000000" ],
          "authorizationList": [ { "chainId": "0x00", "address": "0x0000000000000000000000000000000000001000",
            "nonce": "0x010000000000000000", "v": "0x01", "r": "0x02", "s": "0x03",
            "signer": "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b" } ]
        },
        "post": { "Prague": [ { "hash": "0x6deacaf89a38b9bbc1e95ac01d3a04a499c7107ddbb39ea2f3daa556b6c28d0b",
              "logs": "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347",
              "indexes": { "data": 0, "gas": 0, "value": 0 },
              "state": { "0x1000000000000000000000000000000000000000": { "nonce": "0x00", "balance": "0x01", "code": "0x", "storage": { "0x01": "0x02" } } } } ] }
      },
      "broken": { "env": {}, "pre": {}, "transaction": {}, "post": {} }
    }
    """;

    private static FixtureFile Load(string json = Sample) => FixtureLoader.Parse(Encoding.UTF8.GetBytes(json), "dir/sample.json");

    [Test]
    public void ParsesEnvironmentConfigAndPre()
    {
        FixtureFile file = Load();
        Assert.That(file.FileError, Is.Null);
        StateTestFixture first = file.Tests.Single(t => t.Name == "first");

        Assert.That(first.File, Is.EqualTo("dir/sample.json"));
        Assert.That(first.ChainId, Is.EqualTo((UInt256)5));
        Assert.That(first.BlobUpdateFractions["Prague"], Is.EqualTo(5_007_716UL));
        Assert.That(first.Env.Coinbase, Is.EqualTo(Address.Parse("0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba")));
        Assert.That(first.Env.Number, Is.EqualTo(1UL));
        Assert.That(first.Env.Timestamp, Is.EqualTo(1000UL));
        Assert.That(first.Env.GasLimit, Is.EqualTo(10_000_000_000UL));
        Assert.That(first.Env.Difficulty, Is.EqualTo((UInt256)0x20000));
        Assert.That(first.Env.Random, Is.EqualTo((UInt256)0x20000));
        Assert.That(first.Env.BaseFee, Is.EqualTo((UInt256)10));
        Assert.That(first.Env.ExcessBlobGas, Is.EqualTo(0x80000UL));

        // pre is sorted by address, storage by slot.
        Assert.That(first.Pre.Select(a => a.Address.ToString()), Is.EqualTo(new[]
        {
            "0x0000000000000000000000000000000000000001", "0x1000000000000000000000000000000000000000",
        }));
        PreAccount contract = first.Pre[1];
        Assert.That(contract.Nonce, Is.EqualTo(1UL));
        Assert.That(contract.Code, Is.EqualTo(new byte[] { 0x46, 0x60, 0x01, 0x55, 0x00 }));
        Assert.That(contract.Storage.Select(s => (s.Key, s.Value)), Is.EqualTo(new[] { ((UInt256)1, (UInt256)10), ((UInt256)2, (UInt256)11) }));
        Assert.That(first.Pre[0].Balance, Is.EqualTo(UInt256.FromBigEndian(Hex.Decode("3635c9adc5dea00000"))));
    }

    [Test]
    public void ParsesTransactionTemplate()
    {
        TransactionTemplate tx = Load().Tests.Single(t => t.Name == "first").Transaction;
        Assert.That(tx.To, Is.Null, "\"to\": \"\" is a creation");
        Assert.That(tx.Sender, Is.EqualTo(Address.Parse("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b")));
        Assert.That(tx.SecretKey, Has.Length.EqualTo(32));
        Assert.That(tx.GasPrice, Is.EqualTo((UInt256?)10));
        Assert.That(tx.Data[1], Is.EqualTo(new byte[] { 0xde, 0xad, 0xbe, 0xef }));
        Assert.That(tx.GasLimit, Is.EqualTo(new ulong?[] { 100_000_000, null }), "a gas limit above 2^64-1 is kept as 'unrepresentable'");
        Assert.That(tx.Value[0], Is.EqualTo((UInt256?)0));
        Assert.That(tx.Value[1], Is.Null, "0x:bigint above 2^256-1 is kept as 'unrepresentable'");
        Assert.That(tx.AccessLists![0], Is.Null);
        Assert.That(tx.AccessLists[1]![0].StorageKeys, Is.EqualTo(new[] { (UInt256)1 }));
    }

    [Test]
    public void ParsesPostEntriesWithStableIds()
    {
        IReadOnlyList<PostEntry> post = Load().Tests.Single(t => t.Name == "first").Post;
        Assert.That(post.Select(p => p.CaseId), Is.EqualTo(new[]
        {
            "dir/sample.json::first::Cancun::d0g0v0",
            "dir/sample.json::first::Cancun::d1g1v1",
            "dir/sample.json::first::EIP150::d0g0v0",
            "dir/sample.json::first::EIP150::d0g0v0#2",
            "dir/sample.json::first::Osaka::d0g0v0",
        }));
        Assert.That(post[0].Fork, Is.EqualTo(Fork.Cancun));
        Assert.That(post[2].Fork, Is.EqualTo(Fork.TangerineWhistle));
        Assert.That(post[4].Fork, Is.Null, "an unknown fork key is kept, to be reported by the runner");
        Assert.That(post[1].ExpectException, Is.EqualTo("TransactionException.INTRINSIC_GAS_TOO_LOW"));
        Assert.That(post[0].ExpectException, Is.Null);
        Assert.That(post[1].TxBytes, Is.EqualTo(new byte[] { 0x01, 0xf8 }));
        Assert.That(post[0].Hash, Is.EqualTo(Hash256.Parse("0x6deacaf89a38b9bbc1e95ac01d3a04a499c7107ddbb39ea2f3daa556b6c28d0b")));
        Assert.That(post[0].Logs, Is.EqualTo(Hash256.EmptyList));
    }

    [Test]
    public void TypedTransactionFieldsAndEestState()
    {
        StateTestFixture second = Load().Tests.Single(t => t.Name == "second");
        TransactionTemplate tx = second.Transaction;
        Assert.That(second.ChainId, Is.EqualTo((UInt256)1), "chain id defaults to 1");
        Assert.That(second.Env.BaseFee, Is.EqualTo(UInt256.Zero), "absent base fee is zero");
        Assert.That(tx.MaxFeePerGas, Is.EqualTo((UInt256?)7));
        Assert.That(tx.MaxPriorityFeePerGas, Is.EqualTo((UInt256?)2));
        Assert.That(tx.MaxFeePerBlobGas, Is.EqualTo((UInt256?)1));
        Assert.That(tx.BlobVersionedHashes, Has.Count.EqualTo(1));
        AuthorizationEntry auth = tx.AuthorizationList!.Single();
        Assert.That(auth.Nonce, Is.EqualTo(ulong.MaxValue), "an authorization nonce above 2^64-1 saturates (equally invalid)");
        Assert.That((auth.V, auth.R, auth.S), Is.EqualTo(((UInt256)1, (UInt256)2, (UInt256)3)));
        Assert.That(auth.Signer, Is.EqualTo(Address.Parse("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b")));
        PreAccount expected = second.Post[0].State!.Single();
        Assert.That(expected.Balance, Is.EqualTo((UInt256)1));
        Assert.That(expected.Storage.Single(), Is.EqualTo(new KeyValuePair<UInt256, UInt256>(1, 2)));
    }

    [Test]
    public void TransactionTypeFollowsTheFields()
    {
        FixtureFile file = Load();
        TransactionTemplate legacyOrAccessList = file.Tests.Single(t => t.Name == "first").Transaction;
        Assert.That(StateTestRunner.ChooseType(legacyOrAccessList, 0), Is.EqualTo(TxType.Legacy), "null access list entry: legacy");
        Assert.That(StateTestRunner.ChooseType(legacyOrAccessList, 1), Is.EqualTo(TxType.AccessList));
        TransactionTemplate all = file.Tests.Single(t => t.Name == "second").Transaction;
        Assert.That(StateTestRunner.ChooseType(all, 0), Is.EqualTo(TxType.SetCode));
        var blob = new TransactionTemplate { Data = [[]], GasLimit = [1], Value = [0], MaxFeePerGas = 1, MaxFeePerBlobGas = 1, BlobVersionedHashes = [] };
        Assert.That(StateTestRunner.ChooseType(blob, 0), Is.EqualTo(TxType.Blob));
        var dynamicFee = new TransactionTemplate { Data = [[]], GasLimit = [1], Value = [0], MaxFeePerGas = 1, MaxPriorityFeePerGas = 1, AccessLists = [[]] };
        Assert.That(StateTestRunner.ChooseType(dynamicFee, 0), Is.EqualTo(TxType.DynamicFee));
    }

    [Test]
    public void BuildsTheIndexedTransaction()
    {
        StateTestFixture first = Load().Tests.Single(t => t.Name == "first");
        PostEntry entry = first.Post[1];
        Address sender = first.Transaction.Sender!.Value;
        Transaction tx = StateTestRunner.BuildTransaction(first, entry, Fork.Cancun, sender, 21_000, 5);
        Assert.That(tx.Type, Is.EqualTo(TxType.AccessList));
        Assert.That(tx.Data, Is.EqualTo(new byte[] { 0xde, 0xad, 0xbe, 0xef }));
        Assert.That(tx.GasLimit, Is.EqualTo(21_000UL));
        Assert.That(tx.Value, Is.EqualTo((UInt256)5));
        Assert.That(tx.To, Is.Null);
        Assert.That(tx.GasPrice, Is.EqualTo((UInt256)10));
        Assert.That(tx.MaxFeePerGas, Is.EqualTo((UInt256)10), "old transactions: fee cap = gas price");
        Assert.That(tx.MaxPriorityFeePerGas, Is.EqualTo((UInt256)10), "old transactions: tip cap = gas price");
        Assert.That(tx.AccessList.Single().Address, Is.EqualTo(Address.Parse("0x1000000000000000000000000000000000000000")));
        Assert.That(tx.Sender, Is.EqualTo(sender));
    }

    [Test]
    public void BuildsTheBlockContext()
    {
        StateTestFixture first = Load().Tests.Single(t => t.Name == "first");
        var prague = new PostEntry { ForkName = "Prague", Fork = Fork.Prague, CaseId = "x" };
        var block = StateTestRunner.BuildBlock(first, prague, Fork.Prague);
        Assert.That(block.Coinbase, Is.EqualTo(first.Env.Coinbase));
        Assert.That(block.ChainId, Is.EqualTo((UInt256)5));
        Assert.That(block.PrevRandao, Is.EqualTo((UInt256)0x20000));
        Assert.That(block.ExcessBlobGas, Is.EqualTo(0x80000UL));
        Assert.That(block.BlobBaseFee, Is.EqualTo(BlobGas.BaseFee(0x80000, 5_007_716)));
        Assert.That(block.BlockHash(0), Is.EqualTo(Keccak.Compute("0"u8)));
        Assert.That(block.BlockHash(255), Is.EqualTo(Keccak.Compute("255"u8)));
    }

    [Test]
    public void MalformedTestIsReportedAndTheOthersStillLoad()
    {
        FixtureFile file = Load();
        Assert.That(file.Tests.Select(t => t.Name), Is.EquivalentTo(new[] { "first", "second" }));
        Assert.That(file.TestErrors.Single().Key, Is.EqualTo("broken"));
        Assert.That(file.TestErrors.Single().Value, Does.Contain("env.currentCoinbase: missing"));
    }

    [TestCase("{ not json", "malformed JSON")]
    [TestCase("[1, 2]", "top level is Array")]
    [TestCase("", "malformed JSON")]
    public void MalformedFileIsAnErrorNotACrash(string json, string message)
    {
        FixtureFile file = Load(json);
        Assert.That(file.FileError, Does.Contain(message));
        IReadOnlyList<CaseResult> results = new StateTestRunner(new StateTestOptions()).Run(file);
        Assert.That(results.Single().Pass, Is.False);
        Assert.That(results.Single().Error, Does.Contain(message));
    }

    [TestCase("\"gasLimit\": [ \"0x05f5e100\", \"0x010000000000000000\" ]", "\"gasLimit\": [ \"zz\" ]", "transaction.gasLimit[0]: \"zz\" is not a number")]
    [TestCase("\"to\": \"\"", "\"to\": \"0x1234\"", "transaction.to: \"0x1234\" is not a 20-byte address")]
    [TestCase("\"nonce\": \"0x00\",", "", "transaction.nonce: missing")]
    [TestCase("\"indexes\": { \"data\": 0, \"gas\": 0, \"value\": 0 }, \"txbytes\": \"0xf861\"", "\"indexes\": { \"data\": -1, \"gas\": 0, \"value\": 0 }", "indexes.data: not a valid index")]
    public void MalformedFieldsNameTheField(string replace, string with, string message)
    {
        Assert.That(Sample.Contains(replace, StringComparison.Ordinal), Is.True, "the test edits a part of the sample that exists");
        FixtureFile file = Load(Sample.Replace(replace, with));
        Assert.That(file.TestErrors.Single(e => e.Key == "first").Value, Does.Contain(message));
    }

    [Test]
    public void OutOfRangeIndexIsACaseError()
    {
        string json = Sample.Replace("\"indexes\": { \"data\": 1, \"gas\": 1, \"value\": 1 }", "\"indexes\": { \"data\": 7, \"gas\": 1, \"value\": 1 }");
        IReadOnlyList<CaseResult> results = new StateTestRunner(new StateTestOptions { Filter = "::first::Cancun::d7" }).Run(Load(json));
        Assert.That(results.Single().Error, Does.Contain("out of range"));
        Assert.That(results.Single().Pass, Is.False);
    }

    [Test]
    public void UnknownForkIsACaseErrorUnlessFilteredOut()
    {
        var all = new StateTestRunner(new StateTestOptions { Filter = "::Osaka::" }).Run(Load());
        Assert.That(all.Single().Error, Does.Contain("unknown fork \"Osaka\""));
        var cancunOnly = new StateTestRunner(new StateTestOptions { ForkFilter = f => f == Fork.Cancun }).Run(Load());
        Assert.That(cancunOnly.Where(r => r.Fork != "").Select(r => r.Fork).Distinct(), Is.EqualTo(new[] { "Cancun" }));
    }
}
