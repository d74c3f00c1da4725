using OasisEth.Primitives;

namespace OasisEth.State.Mkvs.Tests;

/// <summary>An <see cref="IStateReader"/> that counts the calls per item it forwards.</summary>
internal sealed class CountingReader(IStateReader inner) : IStateReader
{
    public readonly Dictionary<Address, int> AccountReads = [];
    public readonly Dictionary<(Address, UInt256), int> SlotReads = [];
    public readonly Dictionary<Hash256, int> CodeReads = [];

    public int TotalReads
    {
        get
        {
            int total = 0;
            foreach (int n in AccountReads.Values) total += n;
            foreach (int n in SlotReads.Values) total += n;
            foreach (int n in CodeReads.Values) total += n;
            return total;
        }
    }

    public bool TryGetAccount(in Address address, out AccountData account)
    {
        AccountReads[address] = AccountReads.GetValueOrDefault(address) + 1;
        return inner.TryGetAccount(address, out account);
    }

    public UInt256 GetStorage(in Address address, in UInt256 slot)
    {
        SlotReads[(address, slot)] = SlotReads.GetValueOrDefault((address, slot)) + 1;
        return inner.GetStorage(address, slot);
    }

    public byte[] GetCode(in Hash256 codeHash)
    {
        CodeReads[codeHash] = CodeReads.GetValueOrDefault(codeHash) + 1;
        return inner.GetCode(codeHash);
    }
}
