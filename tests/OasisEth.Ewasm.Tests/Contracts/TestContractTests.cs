using OasisEth.Ewasm.Execution;
using OasisEth.Primitives;
using OasisEth.Transactions;

namespace OasisEth.Ewasm.Tests.Contracts;

/// <summary>The contracts built from the sources beside this file, deployed and used.</summary>
[TestFixture]
public sealed class TestContractTests
{
    private static readonly Address Holder = Address.Parse("0x00000000000000000000000000000000000b0b00");

    private static byte[] Call(string selector, params byte[][] words) =>
        [.. Convert.FromHexString(selector), .. words.SelectMany(w => w)];

    private static byte[] Word(ulong value) => new UInt256(value).ToBigEndian();

    private static byte[] Word(Address address) => [.. new byte[12], .. address.Bytes];

    [Test]
    public void The_counter_counts()
    {
        var chain = new EwasmTestChain(MeteringMode.Chain);
        Address counter = chain.Deploy(TestContracts.Counter);
        for (ulong i = 1; i <= 3; i++)
        {
            TransactionResult r = chain.Call(counter);
            Assert.That(r.Success, Is.True, r.Error);
            Assert.That(UInt256.FromBigEndian(r.Output).u0, Is.EqualTo(i));
        }
        Assert.That(chain.Storage(counter, 0).u0, Is.EqualTo(3UL));
    }

    [Test]
    public void The_C_token_is_a_valid_contract_exporting_only_main_and_memory()
    {
        byte[] token = TestContracts.Token;
        ContractCheck check = ContractValidator.Validate(token);
        Assert.That(check.Error, Is.Null);
        Assert.That(check.Module!.ImportedFunctions, Is.SupersetOf(new[] { "storageStore", "storageLoad", "finish", "log" }));
    }

    [TestCase(MeteringMode.Reference)]
    [TestCase(MeteringMode.Chain)]
    public void The_C_token_mints_transfers_logs_and_refuses_overdrafts(MeteringMode mode)
    {
        var chain = new EwasmTestChain(mode);
        Address token = chain.Deploy(TestContracts.Token);
        Assert.That(chain.Call(token, Call("a0712d68", Word(1_000))).Success, Is.True);

        TransactionResult transfer = chain.Call(token, Call("a9059cbb", Word(Holder), Word(300)));
        Assert.That(transfer.Success, Is.True, transfer.Error);
        Assert.That(UInt256.FromBigEndian(transfer.Output), Is.EqualTo(UInt256.One));
        Assert.That(transfer.Logs, Has.Count.EqualTo(1));
        Assert.That(transfer.Logs[0].Topics[0].ToString(), Is.EqualTo("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"));
        Assert.That(transfer.Logs[0].Topics[1].ToArray(), Is.EqualTo(Word(EwasmTestChain.Sender)));
        Assert.That(transfer.Logs[0].Topics[2].ToArray(), Is.EqualTo(Word(Holder)));
        Assert.That(transfer.Logs[0].Data, Is.EqualTo(Word(300)));

        Assert.That(UInt256.FromBigEndian(chain.Call(token, Call("70a08231", Word(Holder))).Output).u0, Is.EqualTo(300UL));
        Assert.That(UInt256.FromBigEndian(chain.Call(token, Call("70a08231", Word(EwasmTestChain.Sender))).Output).u0, Is.EqualTo(700UL));
        Assert.That(UInt256.FromBigEndian(chain.Call(token, Call("18160ddd")).Output).u0, Is.EqualTo(1_000UL));

        TransactionResult overdraft = chain.Call(token, Call("a9059cbb", Word(Holder), Word(701)));
        Assert.That(overdraft.Success, Is.False);
        Assert.That(System.Text.Encoding.ASCII.GetString(overdraft.Output), Is.EqualTo("insufficient balance"));
        Assert.That(UInt256.FromBigEndian(chain.Call(token, Call("70a08231", Word(Holder))).Output).u0, Is.EqualTo(300UL));
    }

    [TestCase(0)]
    [TestCase(3)]
    [TestCase(55)]
    [TestCase(56)]
    [TestCase(64)]
    [TestCase(5311)]
    public void The_C_sha1_matches_dotnet(int length)
    {
        var chain = new EwasmTestChain(MeteringMode.Chain);
        Address sha1 = chain.Deploy(TestContracts.Sha1);
        byte[] input = [.. Enumerable.Range(0, length).Select(i => (byte)(i * 7 + 1))];
        TransactionResult r = chain.Call(sha1, input, gas: 10_000_000);
        Assert.That(r.Success, Is.True, r.Error);
        Assert.That(r.Output, Is.EqualTo(System.Security.Cryptography.SHA1.HashData(input)));
    }

    [Test]
    public void An_EVM_contract_reads_a_balance_from_the_C_token()
    {
        var chain = new EwasmTestChain(MeteringMode.Chain);
        Address token = chain.Deploy(TestContracts.Token);
        chain.Call(token, Call("a0712d68", Word(42)));
        // mstore(0, balanceOf selector << 224); mstore(4, sender); staticcall(gas, token, 0, 36, 0, 32); return(0, 32)
        byte[] evm = Convert.FromHexString(
            "7f70a08231" + new string('0', 56) + "600052"
            + "73" + Convert.ToHexStringLower(EwasmTestChain.Sender.Bytes) + "600452"
            + "6020600060246000" + "73" + Convert.ToHexStringLower(token.Bytes) + "5afa50"
            + "60206000f3");
        Address reader = chain.Deploy(evm);
        TransactionResult r = chain.Call(reader, gas: 500_000);
        Assert.That(r.Success, Is.True, r.Error);
        Assert.That(UInt256.FromBigEndian(r.Output).u0, Is.EqualTo(42UL));
    }

    [TestCase(MeteringMode.Reference)]
    [TestCase(MeteringMode.Chain)]
    public void The_C_relay_calls_an_EVM_contract_and_passes_its_output_and_its_revert_back(MeteringMode mode)
    {
        var chain = new EwasmTestChain(mode);
        Address relay = chain.Deploy(TestContracts.Relay);
        // sstore(0, caller); mstore(0, calldataload(0) + 1); return(0, 32)
        Address evm = chain.Deploy(Convert.FromHexString("336000556001600035016000526020" + "6000f3"));
        TransactionResult r = chain.Call(relay, [.. evm.Bytes, .. Word(41)], gas: 500_000);
        Assert.That(r.Success, Is.True, r.Error);
        Assert.That(UInt256.FromBigEndian(r.Output).u0, Is.EqualTo(42UL), "the EVM contract's output comes back");
        Assert.That(chain.State.GetStorage(evm, UInt256.Zero), Is.EqualTo(UInt256.FromBigEndian(Word(relay))), "the EVM contract saw the relay as its caller");

        // mstore8(0, 0xab) revert(0, 1)
        Address refuser = chain.Deploy(Convert.FromHexString("60ab60005360016000fd"));
        TransactionResult refused = chain.Call(relay, [.. refuser.Bytes], gas: 500_000);
        Assert.That(refused.Success, Is.False);
        Assert.That(refused.Output, Is.EqualTo(new byte[] { 0xab }), "the callee's revert data is the relay's");
        Assert.That(chain.Call(relay, [1, 2, 3]).Success, Is.False, "fewer than 20 bytes name no callee");
    }
}
