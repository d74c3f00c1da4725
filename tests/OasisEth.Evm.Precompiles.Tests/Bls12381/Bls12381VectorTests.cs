using NUnit.Framework;
using OasisEth.Evm.Precompiles.Bls12381;
using OasisEth.Primitives;

namespace OasisEth.Evm.Precompiles.Tests.Bls12381;

/// <summary>EIP-2537 vectors (go-ethereum's copies, see Vectors/README.md): outputs, prices and failures.</summary>
public class Bls12381VectorTests
{
    private static IPrecompile PrecompileFor(string file) => file.Replace("fail-", "") switch
    {
        "blsG1Add.json" => Bls12G1AddPrecompile.Instance,
        "blsG2Add.json" => Bls12G2AddPrecompile.Instance,
        "blsG1Mul.json" or "blsG1MultiExp.json" => Bls12G1MsmPrecompile.Instance,
        "blsG2Mul.json" or "blsG2MultiExp.json" => Bls12G2MsmPrecompile.Instance,
        "blsPairing.json" => Bls12PairingPrecompile.Instance,
        "blsMapG1.json" => Bls12MapFpToG1Precompile.Instance,
        "blsMapG2.json" => Bls12MapFp2ToG2Precompile.Instance,
        _ => throw new ArgumentException(file),
    };

    private static readonly string[] SuccessFiles =
    [
        "blsG1Add.json", "blsG2Add.json", "blsG1Mul.json", "blsG1MultiExp.json", "blsG2Mul.json", "blsG2MultiExp.json",
        "blsPairing.json", "blsMapG1.json", "blsMapG2.json",
    ];

    private static readonly string[] FailureFiles =
    [
        "fail-blsG1Add.json", "fail-blsG2Add.json", "fail-blsG1Mul.json", "fail-blsG1MultiExp.json", "fail-blsG2Mul.json",
        "fail-blsG2MultiExp.json", "fail-blsPairing.json", "fail-blsMapG1.json",
        "fail-blsMapG2.json",
    ];

    public static IEnumerable<PrecompileVector> SuccessCases() =>
        SuccessFiles.SelectMany(f => PrecompileVector.Load("Bls12381/Vectors", f));

    public static IEnumerable<PrecompileVector> FailureCases() =>
        FailureFiles.SelectMany(f => PrecompileVector.Load("Bls12381/Vectors", f));

    [TestCaseSource(nameof(SuccessCases))]
    public void ProducesExpectedOutputAndPrice(PrecompileVector v)
    {
        IPrecompile precompile = PrecompileFor(v.File);
        byte[] input = Hex.Decode(v.Input);
        PrecompileResult result = precompile.Run(input, Fork.Prague);
        Assert.That(result.Success, Is.True);
        Assert.That(Hex.Encode(result.Output), Is.EqualTo(Hex.Encode(Hex.Decode(v.Expected!))));
        Assert.That(precompile.RequiredGas(input, Fork.Prague), Is.EqualTo(v.Gas));
    }

    [TestCaseSource(nameof(FailureCases))]
    public void RejectsInvalidInput(PrecompileVector v)
    {
        PrecompileResult result = PrecompileFor(v.File).Run(Hex.Decode(v.Input), Fork.Prague);
        Assert.That(result.Success, Is.False);
    }
}
