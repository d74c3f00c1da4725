global using NUnit.Framework;
global using OasisEth.Evm;
global using OasisEth.Tests.Shared;
