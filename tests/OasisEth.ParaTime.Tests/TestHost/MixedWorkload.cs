using OasisEth.Executor;
using OasisEth.Primitives;

namespace OasisEth.ParaTime.Tests.TestHost;

/// <summary>
/// Rounds of mixed EVM traffic from funded test accounts, with what each round should do: transfers, an ERC-20
/// (deployed in round 1, then minted and moved), contract creations, calls that revert (in the block, status 0),
/// invalid entries (wrong chain id, nonce too low, a garbage blob: rejected) and a transaction whose nonce is one
/// ahead (deferred: left in the pool, proposed once the gap closes in the next round).
/// </summary>
internal sealed class MixedWorkload
{
    public const int Accounts = 12;
    private static readonly UInt256 Gwei = new(1_000_000_000);

    private readonly ulong[] _nonces = new ulong[Accounts];
    private byte[]? _waitingGapTx;
    private int _gapAccount = -1;
    private Address _token;
    private Address _reverter;

    public static GenesisConfig Genesis()
    {
        var funded = new (Address, UInt256)[Accounts];
        for (int i = 0; i < Accounts; i++) funded[i] = (TestAccounts.Address(i), new UInt256(1000) * GenesisConfig.Oeth);
        return GenesisConfig.Dev(funded, TestAccounts.ChainId);
    }

    /// <summary>Writes the genesis to a file the runtime is started with (<c>--genesis FILE</c>).</summary>
    public static string WriteGenesisFile()
    {
        string path = Path.Combine(Path.GetTempPath(), "oasiseth-rhp-genesis-" + Guid.NewGuid().ToString("N")[..8] + ".json");
        File.WriteAllText(path, Genesis().ToJson());
        return path;
    }

    /// <summary>One round's offer: the entries, how many of them must be proposed and how many rejected.</summary>
    public sealed record Round(List<byte[]> Entries, int Valid, int Invalid);

    public Round Next(int roundNumber)
    {
        var entries = new List<byte[]>();
        int valid = 0, invalid = 0;
        void Valid(byte[] raw) { entries.Add(raw); valid++; }
        void Invalid(byte[] raw) { entries.Add(raw); invalid++; }

        if (roundNumber == 1)
        {
            _token = BenchTokenAt(0);
            Valid(Tx(0, null, 0, BenchToken.CreationCode(), 2_000_000));
            // Runtime code REVERT(0, 0): every call to it reverts.
            _reverter = OasisEth.Evm.ContractAddress.FromCreate(TestAccounts.Address(1), _nonces[1]);
            Valid(Tx(1, null, 0, Hex.Decode("6005600c60003960056000f360006000fd"), 100_000));
            return new Round(entries, valid, invalid);
        }

        // The gap opened last round closes now: the missing nonce first, then the waiting one comes back.
        if (_waitingGapTx is not null)
        {
            Valid(Tx(_gapAccount, TestAccounts.Address(9), Gwei, null, 21_000));
            entries.Add(_waitingGapTx);
            valid++;
            _nonces[_gapAccount]++;
            _waitingGapTx = null;
        }

        for (int i = 2; i < 6; i++) Valid(Tx(i, TestAccounts.Address((i + roundNumber) % Accounts), (ulong)roundNumber * Gwei, null, 21_000));
        Valid(Tx(0, _token, 0, BenchToken.Mint(TestAccounts.Address(roundNumber % Accounts), 1000), 200_000));
        if (roundNumber > 2) Valid(Tx(6, _token, 0, BenchToken.Transfer(TestAccounts.Address(7), 0), 200_000));
        Valid(Tx(7, _reverter, 0, [], 60_000)); // reverts: in the block with status 0
        if (roundNumber % 5 == 0) Valid(Tx(8, null, 0, Hex.Decode("600160005500"), 100_000)); // a creation storing 1

        if (roundNumber % 3 == 0)
        {
            Invalid(TestAccounts.Tx(10, _nonces[10], TestAccounts.Address(1), Gwei, chainId: 999)); // wrong chain id
            if (_nonces[2] > 0) Invalid(TestAccounts.Tx(2, _nonces[2] - 1, TestAccounts.Address(1), Gwei)); // nonce too low
            Invalid([0xf8, 0x01, 0x02]); // not a transaction
        }
        if (roundNumber % 7 == 0 && _waitingGapTx is null)
        {
            // Nonce one ahead: deferred (neither proposed nor rejected) until the next round fills the gap.
            _gapAccount = 11;
            _waitingGapTx = TestAccounts.Tx(11, _nonces[11] + 1, TestAccounts.Address(1), Gwei);
            entries.Add(_waitingGapTx);
        }
        return new Round(entries, valid, invalid);
    }

    private Address BenchTokenAt(int account) => BenchToken.CreatedBy(TestAccounts.Address(account), _nonces[account]);

    private byte[] Tx(int from, Address? to, UInt256 value, byte[]? data, ulong gas) =>
        TestAccounts.Tx(from, _nonces[from]++, to, value, data, gas, maxFee: 50_000_000_000, tip: 1_000_000_000);
}
