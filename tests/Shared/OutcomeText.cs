using OasisEth.Primitives;
using OasisEth.Transactions;

namespace OasisEth.Tests.Shared;

/// <summary>What two runs of one transaction must agree on (status, gas, error, output, created address, state root,
/// logs), as text, so a failing comparison prints both.</summary>
internal static class OutcomeText
{
    public static string Describe(TransactionResult r, Hash256 stateRoot)
    {
        var text = new System.Text.StringBuilder();
        text.Append($"invalid={r.InvalidReason} success={r.Success} gas={r.GasUsed} error={r.Error} out={Convert.ToHexString(r.Output)} ");
        text.Append($"created={r.ContractAddress} root={stateRoot} logs=[");
        foreach (var log in r.Logs)
        {
            text.Append(log.Address).Append(':');
            foreach (var topic in log.Topics) text.Append(topic).Append(',');
            text.Append(Convert.ToHexString(log.Data)).Append(';');
        }
        return text.Append(']').ToString();
    }
}
