using System.Runtime.CompilerServices;

// The field and curve types stay internal (only the precompiles are API); tests check them against BigInteger
// oracles and the benchmarks time them directly.
[assembly: InternalsVisibleTo("OasisEth.Evm.Precompiles.Tests")]
[assembly: InternalsVisibleTo("OasisEth.Bench")]
