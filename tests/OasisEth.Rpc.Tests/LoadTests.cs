using System.Diagnostics;

namespace OasisEth.Rpc.Tests;

/// <summary>Concurrent senders under automine: every transaction lands, and rounds carry many transactions each.</summary>
[TestFixture]
public sealed class LoadTests
{
    [Test]
    public async Task Concurrent_senders_are_batched_into_rounds()
    {
        await using TestNode node = await TestNode.StartAsync();
        const int Senders = 8, PerSender = 50;
        var recipient = Address.Parse("0x00000000000000000000000000000000000e0e00");
        var raws = new byte[Senders][][];
        for (int s = 0; s < Senders; s++)
        {
            raws[s] = new byte[PerSender][];
            for (int n = 0; n < PerSender; n++) raws[s][n] = TestNode.Sign(s, (ulong)n, recipient, UInt256.One);
        }
        var clock = Stopwatch.StartNew();
        var tasks = new Task[Senders];
        for (int s = 0; s < Senders; s++)
        {
            byte[][] mine = raws[s];
            tasks[s] = Task.Run(async () =>
            {
                foreach (byte[] raw in mine) await node.SendRaw(raw);
            });
        }
        await Task.WhenAll(tasks);
        await node.FlushAsync();
        clock.Stop();

        ulong blocks = TestNode.Quantity(await node.Call("eth_blockNumber"));
        Assert.That(TestNode.Big(await node.Call("eth_getBalance", recipient.ToString(), "latest")), Is.EqualTo(new UInt256(Senders * PerSender)));
        Assert.That(blocks, Is.LessThan((ulong)(Senders * PerSender)), "rounds should carry more than one transaction under load");
        TestContext.Out.WriteLine($"{Senders * PerSender} transfers from {Senders} concurrent HTTP senders: {blocks} rounds, "
            + $"{clock.Elapsed.TotalMilliseconds:F0} ms ({Senders * PerSender / clock.Elapsed.TotalSeconds:F0} tx/s incl. signing checks and RPC)");
        lock (node.Log) foreach (string line in node.Log.Where(l => l.Contains("committed")).Take(60)) TestContext.Out.WriteLine(line);
    }

    /// <summary>Concurrent automine sends share the driver's flush after a round; each must still answer only once the
    /// round carrying its transaction is committed, so its receipt is there when the answer arrives.</summary>
    [Test]
    public async Task Every_concurrent_automine_send_answers_after_its_round()
    {
        await using TestNode node = await TestNode.StartAsync();
        const int Senders = 8, PerSender = 30;
        var recipient = Address.Parse("0x00000000000000000000000000000000000e0e01");
        var missing = new System.Collections.Concurrent.ConcurrentBag<string>();
        var tasks = new Task[Senders];
        for (int s = 0; s < Senders; s++)
        {
            int sender = s;
            tasks[s] = Task.Run(async () =>
            {
                for (int n = 0; n < PerSender; n++)
                {
                    string hash = await node.SendRaw(TestNode.Sign(sender, (ulong)n, recipient, UInt256.One));
                    JsonElement receipt = await node.Call("eth_getTransactionReceipt", hash);
                    if (receipt.ValueKind != JsonValueKind.Object) missing.Add($"sender {sender} nonce {n}: {hash}");
                }
            });
        }
        await Task.WhenAll(tasks);
        Assert.That(missing, Is.Empty, "answered before its round was committed");
        Assert.That(TestNode.Big(await node.Call("eth_getBalance", recipient.ToString(), "latest")), Is.EqualTo(new UInt256(Senders * PerSender)));
    }
}
