namespace OasisEth.Rpc.Tests;

/// <summary>
/// Every method, fed parameters of the wrong shape: each answer is a result or a client error (never -32603, which
/// would mean the input reached a code path that did not expect it), and the node keeps serving.
/// </summary>
[TestFixture]
public sealed class BadInputTests
{
    private static readonly string[] Shapes =
    [
        "[]", "[null]", "[1]", "[-1]", "[1.5]", "[\"x\"]", "[\"0x\"]", "[\"0xzz\"]", "[{}]", "[[]]", "[true]", "[null,null,null,null]",
        "[\"0x" + new string('f', 80) + "\"]", "[{\"to\":5}]", "[{\"from\":\"0x1\"}]", "[\"latest\",\"latest\"]", "[{\"blockHash\":1}]",
        "[\"0x0000000000000000000000000000000000000000\",{\"blockNumber\":\"0x1\",\"blockHash\":\"0x00\"}]",
        "[{\"address\":[1],\"topics\":[[1]]}]", "[\"0x0\",\"0x0\",\"0x0\"]",
    ];

    [Test]
    public async Task No_method_fails_internally_on_malformed_parameters()
    {
        await using TestNode node = await TestNode.StartAsync();
        var failures = new List<string>();
        foreach (string method in node.Node.MethodNames)
        {
            // Mode switches are exercised by their own tests; interval mining here would only add noise.
            if (method is "evm_setIntervalMining" or "anvil_setIntervalMining") continue;
            foreach (string shape in Shapes)
            {
                JsonElement r = await node.Post($"{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"{method}\",\"params\":{shape}}}");
                if (r.TryGetProperty("error", out JsonElement e) && e.GetProperty("code").GetInt32() == -32603)
                    failures.Add($"{method} {shape}: {e.GetProperty("message").GetString()}");
            }
        }
        Assert.That(failures, Is.Empty);
        Assert.That((await node.Call("eth_chainId")).GetString(), Is.EqualTo("0x7a69"));
        Assert.That(node.Node.MethodNames.Count, Is.GreaterThan(80));
    }
}
