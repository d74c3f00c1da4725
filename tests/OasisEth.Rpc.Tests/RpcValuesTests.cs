namespace OasisEth.Rpc.Tests;

/// <summary>Scalar readers and writers: quantities, data, slots; minimal hex out.</summary>
[TestFixture]
public sealed class RpcValuesTests
{
    private static JsonElement J(string json) => JsonDocument.Parse(json).RootElement;

    [TestCase("\"0x0\"", 0UL)]
    [TestCase("\"0x1f\"", 31UL)]
    [TestCase("\"0X1F\"", 31UL)]
    [TestCase("\"0x001\"", 1UL)]
    [TestCase("\"0xffffffffffffffff\"", ulong.MaxValue)]
    [TestCase("7", 7UL)]
    public void Quantities_read(string json, ulong expected) => Assert.That(RpcValues.ULong(J(json), "x"), Is.EqualTo(expected));

    [TestCase("\"0x\"")]
    [TestCase("\"12\"")]
    [TestCase("\"0xg\"")]
    [TestCase("\"0x10000000000000000\"")]
    [TestCase("-1")]
    [TestCase("1.5")]
    [TestCase("true")]
    [TestCase("\"0x1 \"")]
    public void Bad_quantities_are_invalid_params(string json)
    {
        RpcException e = Assert.Throws<RpcException>(() => RpcValues.ULong(J(json), "x"))!;
        Assert.That(e.Code, Is.EqualTo(-32602));
    }

    [Test]
    public void Uint256_quantities_up_to_2_pow_256_minus_1()
    {
        Assert.That(RpcValues.UInt256(J("\"0x" + new string('f', 64) + "\""), "x"), Is.EqualTo(UInt256.MaxValue));
        Assert.Throws<RpcException>(() => RpcValues.UInt256(J("\"0x1" + new string('0', 64) + "\""), "x"));
    }

    [Test]
    public void Data_must_be_even_hex()
    {
        Assert.That(RpcValues.Data(J("\"0x\""), "x"), Is.Empty);
        Assert.That(RpcValues.Data(J("\"0xABcd\""), "x"), Is.EqualTo(new byte[] { 0xab, 0xcd }));
        Assert.Throws<RpcException>(() => RpcValues.Data(J("\"0xabc\""), "x"));
        Assert.Throws<RpcException>(() => RpcValues.Data(J("\"abcd\""), "x"));
        Assert.Throws<RpcException>(() => RpcValues.Data(J("\"0xzz\""), "x"));
    }

    [Test]
    public void Storage_slots_take_quantities_or_32_byte_words()
    {
        Assert.That(RpcValues.Slot(J("\"0x1\""), "x"), Is.EqualTo(UInt256.One));
        Assert.That(RpcValues.Slot(J("\"0x" + new string('0', 63) + "2\""), "x"), Is.EqualTo(new UInt256(2)));
        Assert.Throws<RpcException>(() => RpcValues.Slot(J("\"0x1" + new string('0', 64) + "\""), "x"));
    }

    [Test]
    public void Quantities_and_data_are_written_minimal_and_lowercase()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            RpcJson.Quantity(w, 0UL);
            RpcJson.Quantity(w, 0xABCUL);
            RpcJson.Quantity(w, UInt256.MaxValue);
            RpcJson.Data(w, ReadOnlySpan<byte>.Empty);
            RpcJson.Data(w, new byte[] { 0x0A, 0xFF });
            RpcJson.Data(w, new byte[600]);
            w.WriteEndArray();
        }
        JsonElement a = JsonDocument.Parse(buffer.WrittenMemory).RootElement;
        Assert.That(a[0].GetString(), Is.EqualTo("0x0"));
        Assert.That(a[1].GetString(), Is.EqualTo("0xabc"));
        Assert.That(a[2].GetString(), Is.EqualTo("0x" + new string('f', 64)));
        Assert.That(a[3].GetString(), Is.EqualTo("0x"));
        Assert.That(a[4].GetString(), Is.EqualTo("0x0aff"));
        Assert.That(a[5].GetString(), Is.EqualTo("0x" + new string('0', 1200)));
    }
}
