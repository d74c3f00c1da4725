using OasisEth.Primitives;
using OasisEth.State;
using RlpCodec = OasisEth.Primitives.Rlp.Rlp;

namespace OasisEth.StateTest;

/// <summary>The state tests' logs hash: keccak256(RLP([[address, [topic, ...], data], ...])).</summary>
public static class LogsHash
{
    public static Hash256 Compute(IReadOnlyList<LogEntry> logs)
    {
        var items = new byte[logs.Count][];
        for (int i = 0; i < logs.Count; i++)
        {
            LogEntry log = logs[i];
            var topics = new byte[log.Topics.Length][];
            for (int t = 0; t < topics.Length; t++) topics[t] = RlpCodec.EncodeBytes(log.Topics[t].Bytes);
            items[i] = RlpCodec.EncodeList(RlpCodec.EncodeAddress(log.Address), RlpCodec.EncodeList(topics), RlpCodec.EncodeBytes(log.Data));
        }
        return Keccak.Compute(RlpCodec.EncodeList(items));
    }
}
