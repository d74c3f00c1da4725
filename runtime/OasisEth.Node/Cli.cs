namespace OasisEth.Node;

/// <summary>The oasis-eth command line: only wiring; each command's work lives in its own project.</summary>
public static class Cli
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("usage: oasis-eth statetest FILE|DIR [--fork NAME] [--trace]");
        return 2;
    }
}
