global using NUnit.Framework;
global using OasisEth.Primitives;
