using OasisEth.Host.Dispatch;
using OasisEth.Node;
using OasisEth.Node.Runtime;

// oasis-node starts its runtime with no arguments and only OASIS_WORKER_HOST set: that is `oasis-eth runtime`, taken
// before the command-line parser is even built (the node allows 1 s from connection to handshake).
if (args.Length == 0 && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(RuntimeHost.SocketEnvironmentVariable)))
    return RuntimeCommand.Run(null, Console.Error);
return Cli.Run(args);
