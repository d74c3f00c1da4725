namespace OasisEth.Rpc.Tests;

/// <summary>Address/topic matching of filters and subscriptions, and the -32602 reading of filter objects.</summary>
[TestFixture]
public sealed class LogCriteriaTests
{
    private static readonly Address A = Address.Parse("0x00000000000000000000000000000000000000aa");
    private static readonly Address B = Address.Parse("0x00000000000000000000000000000000000000bb");
    private static Hash256 T(byte b) { var x = new byte[32]; x[31] = b; return new Hash256(x); }

    private static StoredLog Log(Address a, params Hash256[] topics) => new(a, topics, [], 1, Hash256.Zero, Hash256.Zero, 0, 0);

    private static LogCriteria Parse(string json) => LogCriteria.Parse(JsonDocument.Parse(json).RootElement, "invalid argument 0");

    [Test]
    public void Matching_by_address_and_topic_positions()
    {
        string t1 = T(1).ToString(), t2 = T(2).ToString();
        Assert.That(Parse("{}").Matches(Log(A, T(1))), Is.True);
        Assert.That(Parse($"{{\"address\":\"{A}\"}}").Matches(Log(B)), Is.False);
        Assert.That(Parse($"{{\"address\":[\"{B}\",\"{A}\"]}}").Matches(Log(A)), Is.True);
        Assert.That(Parse($"{{\"topics\":[\"{t1}\"]}}").Matches(Log(A, T(1), T(2))), Is.True);
        Assert.That(Parse($"{{\"topics\":[\"{t2}\"]}}").Matches(Log(A, T(1), T(2))), Is.False);
        Assert.That(Parse($"{{\"topics\":[null,\"{t2}\"]}}").Matches(Log(A, T(1), T(2))), Is.True);
        Assert.That(Parse($"{{\"topics\":[[\"{t2}\",\"{t1}\"]]}}").Matches(Log(A, T(1))), Is.True);
        Assert.That(Parse($"{{\"topics\":[[\"{t2}\",null]]}}").Matches(Log(A, T(1))), Is.True, "null in a list means any");
        Assert.That(Parse($"{{\"topics\":[null,\"{t2}\"]}}").Matches(Log(A, T(1))), Is.False, "a constrained position the log lacks");
        Assert.That(Parse("{\"topics\":[null,null,null]}").Matches(Log(A)), Is.True);
    }

    [TestCase("{\"address\":\"0x12\"}")]
    [TestCase("{\"address\":5}")]
    [TestCase("{\"topics\":\"0x00\"}")]
    [TestCase("{\"topics\":[1]}")]
    [TestCase("{\"topics\":[null,null,null,null,null]}")]
    [TestCase("{\"topics\":[\"0x1234\"]}")]
    public void Malformed_filters_are_invalid_params(string json)
    {
        RpcException e = Assert.Throws<RpcException>(() => Parse(json))!;
        Assert.That(e.Code, Is.EqualTo(-32602));
    }
}
