using OasisEth.Primitives;

namespace OasisEth.Executor.Tests.Determinism;

/// <summary>
/// A fixed-seed random workload: a setup round deploying two BenchTokens and minting to every sender, then rounds of
/// ERC-20 transfers (some beyond the balance: reverts), approvals, ether transfers (legacy and EIP-1559), contract
/// creations (tokens and a self-destructing one) and a few entries that must be rejected (nonce gaps, garbage).
/// </summary>
internal static class Workload
{
    public const int Senders = 16;

    public static List<IReadOnlyList<byte[]>> Build(int seed, int transactions, int perRound)
    {
        var random = new Random(seed);
        var nonces = new ulong[Senders];
        Address deployer = TestAccounts.Address(0);
        Address tokenA = BenchToken.CreatedBy(deployer, 0), tokenB = BenchToken.CreatedBy(deployer, 1);
        var rounds = new List<IReadOnlyList<byte[]>>();

        var setup = new List<byte[]>
        {
            TestAccounts.Tx(0, nonces[0]++, null, 0, BenchToken.CreationCode(), gas: 2_000_000),
            TestAccounts.Tx(0, nonces[0]++, null, 0, BenchToken.CreationCode(), gas: 2_000_000),
        };
        for (int i = 0; i < Senders; i++)
        {
            setup.Add(TestAccounts.Tx(0, nonces[0]++, tokenA, 0, BenchToken.Mint(TestAccounts.Address(i), 1_000_000), gas: 100_000));
            setup.Add(TestAccounts.Tx(0, nonces[0]++, tokenB, 0, BenchToken.Mint(TestAccounts.Address(i), 1_000_000), gas: 100_000));
        }
        rounds.Add(setup);

        var batch = new List<byte[]>();
        for (int n = 0; n < transactions; n++)
        {
            int from = random.Next(Senders);
            int to = random.Next(Senders + 4); // a few recipients outside the funded set
            Address recipient = TestAccounts.Address(to);
            int kind = random.Next(100);
            byte[] raw;
            if (kind < 45)
            {
                Address token = random.Next(2) == 0 ? tokenA : tokenB;
                ulong amount = (ulong)random.Next(1, 1_500_000 / 8); // now and then more than the sender holds
                raw = TestAccounts.Tx(from, nonces[from]++, token, 0, BenchToken.Transfer(recipient, amount), gas: 80_000,
                    tip: (ulong)random.Next(0, 3) * 1_000_000_000);
            }
            else if (kind < 55)
            {
                raw = TestAccounts.Tx(from, nonces[from]++, tokenA, 0, BenchToken.Approve(recipient, (ulong)random.Next()), gas: 80_000);
            }
            else if (kind < 75)
            {
                raw = TestAccounts.Tx(from, nonces[from]++, recipient, (ulong)random.Next(1, 1_000_000));
            }
            else if (kind < 88)
            {
                raw = TestAccounts.Legacy(from, nonces[from]++, recipient, (ulong)random.Next(1, 1_000_000),
                    gasPrice: 1_000_000_000UL + (ulong)random.Next(0, 5));
            }
            else if (kind < 93)
            {
                raw = TestAccounts.Tx(from, nonces[from]++, null, 0, BenchToken.CreationCode(), gas: 1_500_000);
            }
            else if (kind < 96)
            {
                // Creation that self-destructs to itself with value: ether destroyed, the burn measures it.
                raw = TestAccounts.Tx(from, nonces[from]++, null, (ulong)random.Next(1, 1000), Hex.Decode("30ff"), gas: 100_000);
            }
            else if (kind < 98)
            {
                raw = TestAccounts.Tx(from, nonces[from] + 5, recipient, 1); // nonce gap: rejected, nonce not used
            }
            else
            {
                raw = new byte[random.Next(1, 40)];
                random.NextBytes(raw); // garbage: rejected
            }
            batch.Add(raw);
            if (batch.Count == perRound)
            {
                rounds.Add(batch);
                batch = [];
            }
        }
        if (batch.Count > 0) rounds.Add(batch);
        return rounds;
    }
}
