// The linked test sources (tests/Shared) are written against the test projects' global using of OasisEth.Evm.
global using OasisEth.Evm;
