namespace OasisEth.Primitives;

/// <summary>Ethereum hard forks in activation order, so rules can be gated with <c>fork &gt;= Fork.Berlin</c>.</summary>
public enum Fork
{
    Frontier,
    Homestead,
    TangerineWhistle, // EIP-150
    SpuriousDragon,   // EIP-158/161
    Byzantium,
    Constantinople,
    Petersburg,
    Istanbul,
    Berlin,
    London,
    Paris,
    Shanghai,
    Cancun,
    Prague,
}

public static class ForkNames
{
    /// <summary>Parses the fork keys used by the Ethereum test fixtures (e.g. "EIP150", "ConstantinopleFix").</summary>
    public static bool TryParse(string name, out Fork fork)
    {
        switch (name)
        {
            case "Frontier": fork = Fork.Frontier; return true;
            case "Homestead": fork = Fork.Homestead; return true;
            case "EIP150": case "TangerineWhistle": fork = Fork.TangerineWhistle; return true;
            case "EIP158": case "SpuriousDragon": fork = Fork.SpuriousDragon; return true;
            case "Byzantium": fork = Fork.Byzantium; return true;
            case "Constantinople": fork = Fork.Constantinople; return true;
            case "ConstantinopleFix": case "Petersburg": fork = Fork.Petersburg; return true;
            case "Istanbul": fork = Fork.Istanbul; return true;
            case "Berlin": fork = Fork.Berlin; return true;
            case "London": fork = Fork.London; return true;
            case "Paris": case "Merge": fork = Fork.Paris; return true;
            case "Shanghai": fork = Fork.Shanghai; return true;
            case "Cancun": fork = Fork.Cancun; return true;
            case "Prague": fork = Fork.Prague; return true;
            default: fork = default; return false;
        }
    }

    /// <summary>The name the fixtures use for a fork.</summary>
    public static string FixtureName(this Fork fork) => fork switch
    {
        Fork.TangerineWhistle => "EIP150",
        Fork.SpuriousDragon => "EIP158",
        Fork.Petersburg => "ConstantinopleFix",
        _ => fork.ToString(),
    };
}
