using OasisEth.Evm.Specs;
using OasisEth.Transactions;
using OasisEth.Primitives;

namespace OasisEth.TxTest;

/// <summary>
/// Checks TransactionTests-format fixtures against <see cref="TransactionDecoder"/> and
/// <see cref="TransactionValidator"/>: a valid entry must decode with the expected hash, sender and intrinsic gas;
/// an entry with an <c>exception</c> must be rejected. Blob transactions are decoded by Ethereum's rules here
/// (<see cref="TxDecodePolicy.AllowBlobTransactions"/>): conformance is about the fork, not this chain's policy.
/// </summary>
public sealed class TxTestRunner
{
    /// <summary>The ethereum/tests and EEST fixtures sign for chain id 1.</summary>
    public const ulong FixtureChainId = 1;

    private readonly Fork? _onlyFork;

    /// <param name="onlyFork">Run only the entries for this fork; null runs every fork a fixture lists.</param>
    public TxTestRunner(Fork? onlyFork = null) => _onlyFork = onlyFork;

    /// <summary>The results of every entry of a loaded file, in file order; read errors become failed results.</summary>
    public List<TxCaseResult> RunFile(TxTestFile file)
    {
        var results = new List<TxCaseResult>();
        if (file.FileError is not null)
        {
            results.Add(TxCaseResult.Broken(file.File, "", file.FileError));
            return results;
        }
        foreach ((string name, string error) in file.TestErrors) results.Add(TxCaseResult.Broken(file.File, name, error));
        foreach (TxTestFixture test in file.Tests)
        {
            foreach (TxExpectation expectation in test.Results)
            {
                bool known = ForkNames.TryParse(expectation.ForkName, out Fork fork);
                if (_onlyFork is { } only && (!known || fork != only)) continue;
                results.Add(known
                    ? RunCase(file.File, test, expectation, fork)
                    : new TxCaseResult { File = file.File, Name = test.Name, Fork = expectation.ForkName, Error = $"unknown fork \"{expectation.ForkName}\"" });
            }
        }
        return results;
    }

    public static TxCaseResult RunCase(string file, TxTestFixture test, TxExpectation expected, Fork fork)
    {
        try
        {
            return Check(file, test, expected, fork);
        }
        catch (Exception e)
        {
            // The decoder promises never to throw; if it does, that is this case's failure, not the run's end.
            return new TxCaseResult
            {
                File = file, Name = test.Name, Fork = expected.ForkName, Pass = false,
                Error = $"internal error: {e.GetType().Name}: {e.Message}", ExpectedException = expected.Exception,
            };
        }
    }

    private static TxCaseResult Check(string file, TxTestFixture test, TxExpectation expected, Fork fork)
    {
        ForkSpec spec = ForkSpec.Of(fork);
        bool decoded = TransactionDecoder.TryDecodeAndRecover(test.TxBytes, fork, FixtureChainId, TxDecodePolicy.AllowBlobTransactions,
            out Transaction? tx, out string? error);
        IntrinsicGas intrinsic = default;
        bool valid = decoded && TransactionValidator.TryValidate(tx!, spec, out intrinsic, out error);

        string? failure = null;
        if (expected.ExpectsValid)
        {
            if (!valid) failure = "expected a valid transaction, rejected: " + error;
            else if (tx!.Hash != expected.Hash) failure = $"hash {tx.Hash}, expected {expected.Hash}";
            else if (tx.Sender != expected.Sender) failure = $"sender {tx.Sender}, expected {expected.Sender}";
            else if (expected.IntrinsicGas is { } gas && (ulong)intrinsic.Gas != gas) failure = $"intrinsic gas {intrinsic.Gas}, expected {gas}";
        }
        else if (valid)
        {
            failure = $"expected rejection ({expected.Exception}), but the transaction is valid";
        }
        else if (decoded && expected.IntrinsicGas is { } gas && gas != 0 && (ulong)intrinsic.Gas != gas)
        {
            // Rejected as expected; where the fixture also states the intrinsic gas of a decodable transaction
            // (INTRINSIC_GAS_TOO_LOW, NONCE_TOO_BIG, …) ours must agree too.
            failure = $"rejected ({error}), but intrinsic gas {intrinsic.Gas}, expected {gas}";
        }

        return new TxCaseResult
        {
            File = file,
            Name = test.Name,
            Fork = expected.ForkName,
            Pass = failure is null,
            Hash = decoded ? tx!.Hash : null,
            Sender = decoded ? tx!.Sender : null,
            IntrinsicGas = decoded ? intrinsic.Gas : null,
            Error = failure ?? error,
            ExpectedException = expected.Exception,
        };
    }
}
