global using NUnit.Framework;
global using System.Text.Json;
global using OasisEth.Primitives;
global using OasisEth.Executor;
