using System.Globalization;
using OasisEth.Primitives;

namespace OasisEth.Executor.Child;

/// <summary>
/// Replays a workload of rounds on a fresh chain and describes every block in one line, so two processes (or a
/// process and the test itself) can be compared byte for byte. Workload file: one round per line, the round's raw
/// transactions as space-separated hex (an empty line is an empty round).
/// </summary>
public static class Replay
{
    /// <summary>
    /// Executes the workload on the chain in <paramref name="dataDir"/>: a fresh directory starts at genesis, an
    /// existing one resumes after its head (round i of the workload is block i + 1). Returns (and, if given, reports
    /// as it goes) the head's line, one line per executed round, and the final supply.
    /// </summary>
    /// <param name="options">Chain options (default: unsynced commits).</param>
    /// <param name="checkFirst">Pass every transaction through CheckTx before its round, as a mempool would.</param>
    public static List<string> Run(string dataDir, GenesisConfig genesis, IReadOnlyList<IReadOnlyList<byte[]>> rounds,
        ChainOptions? options = null, bool checkFirst = false, Action<string>? onLine = null)
    {
        var lines = new List<string>();
        void Emit(string line)
        {
            lines.Add(line);
            onLine?.Invoke(line);
        }
        using Chain chain = Chain.Open(dataDir, genesis, options ?? new ChainOptions { SyncCommits = false });
        Emit(Describe(chain.Head, 0, 0));
        for (int i = (int)chain.Head.Number; i < rounds.Count; i++)
        {
            IReadOnlyList<byte[]> batch = rounds[i];
            if (checkFirst)
            {
                foreach (byte[] raw in batch) chain.CheckTx(raw);
            }
            ulong number = chain.Head.Number + 1;
            RoundResult result = chain.ExecuteRound(new RoundInput(number, 1_700_000_000 + number * 6, batch, []));
            Emit(Describe(result.Block.Header, result.Receipts.Count, result.Rejected.Count));
        }
        SupplyFigures supply = chain.GetSupply(chain.Head.Number);
        Emit(string.Create(CultureInfo.InvariantCulture,
            $"supply {supply.RewardPool} {supply.Unclaimed} {supply.Circulating} {supply.Burned}"));
        return lines;
    }

    /// <summary>The line <see cref="Run"/> prints for a block (the executed/rejected counts are not stored, so a
    /// block read back is compared on the rest).</summary>
    public static string Describe(BlockHeader h, int executed, int rejected) => string.Create(CultureInfo.InvariantCulture,
        $"{h.Number} {h.Hash} {h.StateRoot} {h.TransactionsRoot} {h.ReceiptsRoot} {h.GasUsed} {h.BaseFee} {executed} {rejected}");

    public static void Write(string path, IReadOnlyList<IReadOnlyList<byte[]>> rounds)
    {
        using var writer = new StreamWriter(path);
        foreach (IReadOnlyList<byte[]> batch in rounds)
            writer.WriteLine(string.Join(' ', batch.Select(raw => Hex.Encode(raw))));
    }

    public static List<IReadOnlyList<byte[]>> Read(string path)
    {
        var rounds = new List<IReadOnlyList<byte[]>>();
        foreach (string line in File.ReadLines(path))
        {
            rounds.Add(line.Length == 0 ? [] : line.Split(' ').Select(h => Hex.Decode(h)).ToArray());
        }
        return rounds;
    }
}
