global using NUnit.Framework;
global using OasisEth.Tests.Shared;
