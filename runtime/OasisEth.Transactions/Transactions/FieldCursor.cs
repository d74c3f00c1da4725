namespace OasisEth.Transactions;

/// <summary>
/// Which field the decoder is reading, so a failure can say where it happened. Field names are constants and the
/// index an int: the message is only formatted when something failed, never on the success path.
/// </summary>
internal struct FieldCursor
{
    public string Field;
    /// <summary>Entry of a list field (access list, authorization list, blob hashes), or -1.</summary>
    public int Index;
    /// <summary>Item inside that entry (e.g. "address", "storageKeys[2]"), or null.</summary>
    public string? Item;
    public int ItemIndex;

    public FieldCursor(string field)
    {
        Field = field;
        Index = -1;
        Item = null;
        ItemIndex = -1;
    }

    public void Set(string field)
    {
        Field = field;
        Index = -1;
        Item = null;
        ItemIndex = -1;
    }

    public void SetItem(string item, int itemIndex = -1)
    {
        Item = item;
        ItemIndex = itemIndex;
    }

    public override readonly string ToString()
    {
        string s = Index < 0 ? Field : $"{Field}[{Index}]";
        if (Item is not null) s += "." + (ItemIndex < 0 ? Item : $"{Item}[{ItemIndex}]");
        return s;
    }
}
