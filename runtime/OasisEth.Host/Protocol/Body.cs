using System.Formats.Cbor;

namespace OasisEth.Host.Protocol;

/// <summary>
/// A message body: on the wire a single-entry map <c>{ Name: payload }</c> (rhp-spec §3.2, §6). Each variant
/// writes its own payload; <see cref="BodyCodec"/> maps names back to readers.
/// </summary>
public abstract class Body
{
    /// <summary>The variant name, e.g. <c>RuntimePingRequest</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Writes the payload (the value under <see cref="Name"/>).</summary>
    public abstract void WritePayload(CborWriter w);

    public override string ToString() => Name;
}
