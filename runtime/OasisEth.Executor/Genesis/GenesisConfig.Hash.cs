using System.Text;
using OasisEth.Primitives;
using OasisEth.Primitives.Rlp;

namespace OasisEth.Executor;

public sealed partial record GenesisConfig
{
    /// <summary>Tag at the head of the canonical encoding: a new encoding gets a new tag, so an old hash never
    /// matches a config read under other rules.</summary>
    private static readonly byte[] HashDomain = Encoding.ASCII.GetBytes("oasis-eth/genesis/v1");

    /// <summary>
    /// keccak256 of the canonical encoding (<see cref="CanonicalEncoding"/>): equal for any two configs that give
    /// the same chain, whatever the JSON spacing, field order, allocation order or zero-valued storage entries.
    /// A data directory stores it and refuses to open under a different genesis.
    /// </summary>
    /// <remarks>Computed on every read (a cached field would take part in the record's equality).</remarks>
    /// <exception cref="FormatException">The config breaks a rule of <see cref="Validate"/>.</exception>
    public Hash256 Hash => Keccak.Compute(CanonicalEncoding());

    /// <summary>
    /// RLP of [tag, chainId, fork name, timestamp, gasLimit, minGasPrice, initialBaseFee,
    /// [amountPerEpoch, epochs, roundsPerEpoch(, halvingEpochs(, [[address, basisPoints]…]))], [[address, balance, nonce, code, [[key, value]…]]…](, 1)] with
    /// allocations sorted by address and slots by key, zero slots left out; the trailing 1 when Ewasm is on.
    /// </summary>
    public byte[] CanonicalEncoding()
    {
        Validate();
        GenesisAllocation[] sorted = SortedAllocations();
        var allocations = new byte[sorted.Length][];
        for (int i = 0; i < sorted.Length; i++)
        {
            GenesisAllocation a = sorted[i];
            var slots = new List<byte[]>();
            foreach (KeyValuePair<UInt256, UInt256> slot in SortedStorage(a))
            {
                if (slot.Value.IsZero) continue;
                slots.Add(Rlp.EncodeList(Rlp.EncodeUInt256(slot.Key), Rlp.EncodeUInt256(slot.Value)));
            }
            allocations[i] = Rlp.EncodeList(Rlp.EncodeAddress(a.Address), Rlp.EncodeUInt256(a.Balance),
                Rlp.EncodeULong(a.Nonce), Rlp.EncodeBytes(a.Code), Rlp.EncodeList([.. slots]));
        }
        var items = new List<byte[]>
        {
            Rlp.EncodeBytes(HashDomain),
            Rlp.EncodeULong(ChainId),
            Rlp.EncodeBytes(Encoding.ASCII.GetBytes(Fork.ToString())),
            Rlp.EncodeULong(Timestamp),
            Rlp.EncodeULong(GasLimit),
            Rlp.EncodeUInt256(MinGasPrice),
            Rlp.EncodeUInt256(InitialBaseFee),
            EncodeRewards(),
            Rlp.EncodeList(allocations),
        };
        // Appended only when on, so a config without Ewasm keeps the hash it had before the setting existed (and
        // lists of different lengths never encode alike).
        if (Ewasm) items.Add(Rlp.EncodeULong(1));
        return Rlp.EncodeList([.. items]);
    }

    /// <summary>The flat schedule keeps its three-item list, so genesis files written before halving existed keep
    /// their hash; a halving schedule appends halvingEpochs and grants append both halvingEpochs and the grant list (lists of
    /// different lengths never encode alike).</summary>
    private byte[] EncodeRewards()
    {
        byte[] amount = Rlp.EncodeUInt256(Rewards.AmountPerEpoch);
        byte[] epochs = Rlp.EncodeULong(Rewards.Epochs);
        byte[] rounds = Rlp.EncodeULong(Rewards.RoundsPerEpoch);
        if (Rewards.Grants.Count != 0)
        {
            // Five items whenever there are grants (in the genesis file's order: each is paid in that order).
            var grants = new byte[Rewards.Grants.Count][];
            for (int i = 0; i < grants.Length; i++)
                grants[i] = Rlp.EncodeList(Rlp.EncodeAddress(Rewards.Grants[i].Address), Rlp.EncodeULong(Rewards.Grants[i].BasisPoints));
            return Rlp.EncodeList(amount, epochs, rounds, Rlp.EncodeULong(Rewards.HalvingEpochs), Rlp.EncodeList(grants));
        }
        return Rewards.IsHalving
            ? Rlp.EncodeList(amount, epochs, rounds, Rlp.EncodeULong(Rewards.HalvingEpochs))
            : Rlp.EncodeList(amount, epochs, rounds);
    }
}
