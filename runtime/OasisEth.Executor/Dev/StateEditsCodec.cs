using System.Collections.Immutable;
using OasisEth.Primitives;
using OasisEth.Primitives.Rlp;

namespace OasisEth.Executor;

/// <summary>
/// The record of the dev edits a block started with (aux <c>'E' ‖ number</c>), so re-executions of the block's
/// transactions (traces) start from the same state the round did:
/// rlp([[address, flags, balance, nonce, code, [[slot, value], …]], …]); flags bit 0 balance set, 1 nonce, 2 code.
/// </summary>
internal static class StateEditsCodec
{
    public static byte[] Encode(StateEdits edits)
    {
        var accounts = new List<byte[]>(edits.Accounts.Count);
        foreach ((Address address, AccountEdit edit) in edits.Accounts)
        {
            ulong flags = (edit.Balance is null ? 0UL : 1) | (edit.Nonce is null ? 0UL : 2) | (edit.Code is null ? 0UL : 4);
            var slots = new List<byte[]>(edit.Storage.Count);
            foreach ((UInt256 slot, UInt256 value) in edit.Storage) slots.Add(Rlp.EncodeList(Rlp.EncodeUInt256(slot), Rlp.EncodeUInt256(value)));
            accounts.Add(Rlp.EncodeList(Rlp.EncodeAddress(address), Rlp.EncodeULong(flags), Rlp.EncodeUInt256(edit.Balance ?? UInt256.Zero),
                Rlp.EncodeULong(edit.Nonce ?? 0), Rlp.EncodeBytes(edit.Code ?? []), Rlp.EncodeList([.. slots])));
        }
        return Rlp.EncodeList([.. accounts]);
    }

    public static StateEdits Decode(ulong baseNumber, ReadOnlySpan<byte> record)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<Address, AccountEdit>();
        var outer = new RlpReader(record);
        RlpReader accounts = outer.ReadList();
        while (accounts.HasMore)
        {
            RlpReader a = accounts.ReadList();
            Address address = a.ReadAddress();
            ulong flags = a.ReadULong();
            UInt256 balance = a.ReadUInt256();
            ulong nonce = a.ReadULong();
            byte[] code = a.ReadBytes().ToArray();
            var storage = ImmutableSortedDictionary.CreateBuilder<UInt256, UInt256>();
            RlpReader slots = a.ReadList();
            while (slots.HasMore)
            {
                RlpReader pair = slots.ReadList();
                UInt256 slot = pair.ReadUInt256();
                storage[slot] = pair.ReadUInt256();
            }
            builder[address] = new AccountEdit((flags & 1) != 0 ? balance : null, (flags & 2) != 0 ? nonce : null,
                (flags & 4) != 0 ? code : null, (flags & 4) != 0 ? (code.Length == 0 ? Hash256.EmptyCode : Keccak.Compute(code)) : null,
                storage.ToImmutable());
        }
        return new StateEdits(baseNumber, builder.ToImmutable());
    }
}
