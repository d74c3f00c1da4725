using OasisEth.Executor;
using OasisEth.Executor.Child;

// OasisEth.Executor.Child <data dir> <genesis.json> <workload file>: executes the workload (resuming after the head of
// an existing directory) and prints one line per block as it is committed (see Replay).
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: OasisEth.Executor.Child <data dir> <genesis.json> <workload file>");
    return 2;
}
GenesisConfig genesis = GenesisConfig.Parse(File.ReadAllText(args[1]));
Replay.Run(args[0], genesis, Replay.Read(args[2]), onLine: Console.WriteLine);
return 0;
