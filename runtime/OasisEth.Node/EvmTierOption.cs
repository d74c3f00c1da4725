using System.CommandLine;
using OasisEth.Evm.Compiler;

namespace OasisEth.Node;

/// <summary><c>--evm-tier interpreter|compiled|auto</c> as the dev and runtime commands take it (statetest parses its
/// own, to report a bad value with its usage exit code).</summary>
public static class EvmTierOption
{
    public const string Description =
        "EVM engine: interpreter (default), compiled (every contract compiled to IL before it runs) or auto (contracts compiled in the background once hot); results are the same, traces always run interpreted";

    public static Option<EvmTier> Create()
    {
        var option = new Option<EvmTier>("--evm-tier") { Description = Description, DefaultValueFactory = _ => EvmTier.Interpreter };
        option.CustomParser = result =>
        {
            string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (EvmTierNames.TryParse(text, out EvmTier tier)) return tier;
            result.AddError($"--evm-tier must be interpreter, compiled or auto (got \"{text}\").");
            return EvmTier.Interpreter;
        };
        return option;
    }
}
