namespace OasisEth.Mkvs;

/// <summary>
/// One write-log entry (rhp-spec §7.4): <see cref="Value"/> null means delete, otherwise insert/update
/// (an empty value is a real value).
/// </summary>
public readonly record struct MkvsWriteLogEntry(byte[] Key, byte[]? Value)
{
    public bool IsDelete => Value is null;
}
