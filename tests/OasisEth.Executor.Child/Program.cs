using OasisEth.Executor;
using OasisEth.Executor.Child;

// oasiseth-executor-child <data dir> <genesis.json> <workload file>: prints one line per block (see Replay).
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: OasisEth.Executor.Child <data dir> <genesis.json> <workload file>");
    return 2;
}
GenesisConfig genesis = GenesisConfig.Parse(File.ReadAllText(args[1]));
foreach (string line in Replay.Run(args[0], genesis, Replay.Read(args[2]))) Console.WriteLine(line);
return 0;
