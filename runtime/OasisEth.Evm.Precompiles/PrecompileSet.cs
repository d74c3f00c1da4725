using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using OasisEth.Primitives;

namespace OasisEth.Evm.Precompiles;

/// <summary>
/// The precompiled contracts by address and fork. Lookup is an array index on the address's low byte after a
/// cheap "is 0x00..00NN" test, so calling it for every CALL target costs next to nothing.
/// </summary>
public static class PrecompileSet
{
    private const int HighestAddress = 0x11;

    // Indexed by address number; slot 0 is unused.
    private static readonly IPrecompile?[] s_byAddress = new IPrecompile?[HighestAddress + 1];
    private static readonly Fork[] s_activation = new Fork[HighestAddress + 1];
    private static readonly ReadOnlyCollection<Address>[] s_addressesByFork;

    static PrecompileSet()
    {
        Register(0x01, Fork.Frontier, EcRecoverPrecompile.Instance);
        Register(0x02, Fork.Frontier, Sha256Precompile.Instance);
        Register(0x03, Fork.Frontier, Ripemd160Precompile.Instance);
        Register(0x04, Fork.Frontier, IdentityPrecompile.Instance);
        Register(0x05, Fork.Byzantium, ModExpPrecompile.Instance);                 // EIP-198
        Register(0x06, Fork.Byzantium, Bn254.EcAddPrecompile.Instance);            // EIP-196
        Register(0x07, Fork.Byzantium, Bn254.EcMulPrecompile.Instance);            // EIP-196
        Register(0x08, Fork.Byzantium, Bn254.EcPairingPrecompile.Instance);        // EIP-197
        Register(0x09, Fork.Istanbul, Blake2FPrecompile.Instance);                 // EIP-152
        Register(0x0a, Fork.Cancun, Kzg.PointEvaluationPrecompile.Instance);        // EIP-4844
        Register(0x0b, Fork.Prague, Bls12381.Bls12G1AddPrecompile.Instance);       // EIP-2537
        Register(0x0c, Fork.Prague, Bls12381.Bls12G1MsmPrecompile.Instance);
        Register(0x0d, Fork.Prague, Bls12381.Bls12G2AddPrecompile.Instance);
        Register(0x0e, Fork.Prague, Bls12381.Bls12G2MsmPrecompile.Instance);
        Register(0x0f, Fork.Prague, Bls12381.Bls12PairingPrecompile.Instance);
        Register(0x10, Fork.Prague, Bls12381.Bls12MapFpToG1Precompile.Instance);
        Register(0x11, Fork.Prague, Bls12381.Bls12MapFp2ToG2Precompile.Instance);

        Fork[] forks = Enum.GetValues<Fork>();
        s_addressesByFork = new ReadOnlyCollection<Address>[(int)forks[^1] + 1];
        foreach (Fork fork in forks)
        {
            var active = new List<Address>(HighestAddress);
            for (int n = 1; n <= HighestAddress; n++)
                if (fork >= s_activation[n]) active.Add(Address.FromLowUlong((ulong)n));
            s_addressesByFork[(int)fork] = active.AsReadOnly();
        }
    }

    private static void Register(int number, Fork activation, IPrecompile precompile)
    {
        s_byAddress[number] = precompile;
        s_activation[number] = activation;
    }

    public static bool TryGet(in Address address, Fork fork, [NotNullWhen(true)] out IPrecompile? precompile)
    {
        if (address.IsLowAddress(out int number) && (uint)(number - 1) < HighestAddress && fork >= s_activation[number])
        {
            precompile = s_byAddress[number]!;
            return true;
        }
        precompile = null;
        return false;
    }

    public static bool IsPrecompile(in Address address, Fork fork) => TryGet(address, fork, out _);

    /// <summary>The precompiles active in <paramref name="fork"/>, ascending (EIP-2929 warms them at transaction start).</summary>
    public static IReadOnlyList<Address> Addresses(Fork fork) => s_addressesByFork[(int)fork];
}
