global using NUnit.Framework;
global using OasisEth.Ewasm.Validation;
