namespace OasisEth.Rpc.Tests;

/// <summary>personal_sign / eth_sign / eth_signTypedData_v4 with the node's accounts (Hardhat's remote signers use
/// them) and the EIP-712 hasher. Expected values: the EIP-712 specification's example digest, and signatures and
/// digests made by ethers v6 (an independent implementation) with test key 0.</summary>
[TestFixture]
public sealed class SignMethodTests
{
    private const string MailPayload = """
        {"types":{"Person":[{"name":"name","type":"string"},{"name":"wallet","type":"address"}],"Mail":[{"name":"from","type":"Person"},{"name":"to","type":"Person"},{"name":"contents","type":"string"}],"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}]},"domain":{"name":"Ether Mail","version":"1","chainId":"0x1","verifyingContract":"0xcccccccccccccccccccccccccccccccccccccccc"},"primaryType":"Mail","message":{"from":{"name":"Cow","wallet":"0xcd2a3d9f938e13cd947ec05abc7fe734df8dd826"},"to":{"name":"Bob","wallet":"0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"},"contents":"Hello, Bob!"}}
        """;

    // Arrays of structs, a fixed-size array, a negative int64, dynamic bytes, bytes32, bool, uint8 and a salted domain.
    private const string WidePayload = """
        {"types":{"Item":[{"name":"id","type":"uint8"},{"name":"tags","type":"string[]"}],"Order":[{"name":"items","type":"Item[]"},{"name":"delta","type":"int64"},{"name":"blob","type":"bytes"},{"name":"tag","type":"bytes32"},{"name":"ok","type":"bool"},{"name":"pair","type":"uint256[2]"},{"name":"owner","type":"address"}],"EIP712Domain":[{"name":"name","type":"string"},{"name":"chainId","type":"uint256"},{"name":"salt","type":"bytes32"}]},"domain":{"name":"Wide","chainId":"0x7a69","salt":"0x1111111111111111111111111111111111111111111111111111111111111111"},"primaryType":"Order","message":{"items":[{"id":"7","tags":["a","b"]},{"id":"255","tags":[]}],"delta":"-42","blob":"0xdeadbeef","tag":"0xabababababababababababababababababababababababababababababababab","ok":true,"pair":["1","1606938044258990275541962092341162602522202993782792835301376"],"owner":"0x00000000000000000000000000000000000c1c00"}}
        """;

    private static Hash256 Digest(string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        return TypedDataHasher.Digest(doc.RootElement);
    }

    [Test]
    public void Eip712_specification_example_digest()
    {
        Assert.That(Digest(MailPayload).ToString(), Is.EqualTo("0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2"));
    }

    [Test]
    public void Eip712_arrays_nested_structs_signed_ints_and_bytes()
    {
        Assert.That(Digest(WidePayload).ToString(), Is.EqualTo("0x79dad9dec398c1d42fa369239ebbdbe95c40f93be79e594536955ee56ef226d4"));
        using JsonDocument doc = JsonDocument.Parse(WidePayload);
        var types = new Dictionary<string, (string, string)[]>
        {
            ["Item"] = [("id", "uint8"), ("tags", "string[]")],
            ["Order"] = [("items", "Item[]"), ("delta", "int64"), ("blob", "bytes"), ("tag", "bytes32"), ("ok", "bool"), ("pair", "uint256[2]"), ("owner", "address")],
        };
        Assert.That(TypedDataHasher.EncodeType(types, "Order"),
            Is.EqualTo("Order(Item[] items,int64 delta,bytes blob,bytes32 tag,bool ok,uint256[2] pair,address owner)Item(uint8 id,string[] tags)"));
    }

    [TestCase("\"id\":\"7\"", "\"id\":\"256\"", "does not fit uint8")]
    [TestCase("\"delta\":\"-42\"", "\"delta\":\"-9223372036854775809\"", "does not fit int64")]
    [TestCase("\"pair\":[\"1\",", "\"pair\":[", "must have 2 elements")]
    [TestCase("\"ok\":true", "\"ok\":1", "must be a boolean")]
    [TestCase("\"blob\":\"0xdeadbeef\",", "", "Order.blob is missing")]
    [TestCase("\"type\":\"int64\"", "\"type\":\"int65\"", "unknown type int65")]
    [TestCase("\"primaryType\":\"Order\"", "\"primaryType\":\"Nope\"", "primaryType Nope")]
    public void Eip712_bad_input_is_invalid_params(string from, string to, string message)
    {
        string json = WidePayload.Replace(from, to, StringComparison.Ordinal);
        Assert.That(json, Is.Not.EqualTo(WidePayload), "the case edits the payload");
        var e = Assert.Throws<RpcException>(() => Digest(json))!;
        Assert.That(e.Code, Is.EqualTo(-32602));
        Assert.That(e.Message, Does.Contain(message));
    }

    [Test]
    public void Eip712_int_limits_fit()
    {
        Assert.DoesNotThrow(() => Digest(WidePayload.Replace("\"delta\":\"-42\"", "\"delta\":\"-9223372036854775808\"", StringComparison.Ordinal)));
        Assert.DoesNotThrow(() => Digest(WidePayload.Replace("\"id\":\"7\"", "\"id\":\"0xff\"", StringComparison.Ordinal)));
    }

    [Test]
    public async Task Node_accounts_sign_messages_and_typed_data_as_a_local_key_would()
    {
        await using TestNode node = await TestNode.StartAsync();
        string account = Keys.Address(0).ToString();
        Assert.That(account, Is.EqualTo("0x9A4Ed5A7d6d6F90acAeC564a5ed8468b4741e00d").IgnoreCase, "test key 0 (the ethers vectors' key)");

        const string Hello = "0x68656c6c6f206f61736973"; // "hello oasis"
        const string HelloSignature = "0x91b995a81d3b62ec7ba1ffa03781940cf768e09d7f96503c6288845e6e807737602fff8ffde5c8af6023fc56ce898bc5d07704c7e4fd5e464ef14d2e94e64d421b";
        Assert.That((await node.Call("personal_sign", Hello, account)).GetString(), Is.EqualTo(HelloSignature));
        Assert.That((await node.Call("eth_sign", account, Hello)).GetString(), Is.EqualTo(HelloSignature));
        Assert.That((await node.Call("personal_sign", "0x00ff10", account)).GetString(),
            Is.EqualTo("0xe226b6e91bc077685cd1004b00febda6f889526e0595e71263aa0c0b475ff48002a8e436587b72b380984727ffae568409410c040dc71dd6e4458d5c3892f6801c"));

        const string MailSignature = "0xb176ea99cc899dd711f3ff063fa941323816a79c29c80c140440d9aaf982aeaf5975122774f3d74c1d55dc8662bd2bb6e98d0404a50d1eae46eae9f52539529b1c";
        Assert.That((await node.Call("eth_signTypedData_v4", account, MailPayload.Trim())).GetString(), Is.EqualTo(MailSignature), "payload as a JSON string");
        using JsonDocument mail = JsonDocument.Parse(MailPayload);
        Assert.That((await node.Call("eth_signTypedData_v4", account, mail.RootElement)).GetString(), Is.EqualTo(MailSignature), "payload as an object");
    }

    [Test]
    public async Task Signing_refuses_accounts_the_node_does_not_hold_and_bad_typed_data()
    {
        await using TestNode node = await TestNode.StartAsync();
        string stranger = Keys.Address(7).ToString(); // funded, but not one of the node's accounts
        Assert.That((await node.CallFails("personal_sign", "0x01", stranger)).Message, Is.EqualTo("unknown account"));
        Assert.That((await node.CallFails("eth_sign", stranger, "0x01")).Message, Is.EqualTo("unknown account"));
        Assert.That((await node.CallFails("eth_signTypedData_v4", stranger, MailPayload.Trim())).Message, Is.EqualTo("unknown account"));
        RpcError bad = await node.CallFails("eth_signTypedData_v4", Keys.Address(0).ToString(), "{not json");
        Assert.That(bad.Code, Is.EqualTo(-32602));
        Assert.That(bad.Message, Does.StartWith("invalid argument 1: typed data is not JSON"));
    }
}
