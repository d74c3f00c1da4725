using System.Runtime.CompilerServices;

// The BN254 field, curve and pairing types are internal; their tests check them directly against BigInteger.
[assembly: InternalsVisibleTo("OasisEth.Evm.Precompiles.Tests")]
