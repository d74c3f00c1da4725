using OasisEth.Node;

return Cli.Run(args);
