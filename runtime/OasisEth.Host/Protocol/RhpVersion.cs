using System.Formats.Cbor;
using OasisEth.Host.Cbor;

namespace OasisEth.Host.Protocol;

/// <summary>
/// A version as RHP encodes it: map of <c>major</c>, <c>minor</c>, <c>patch</c>, each u16 and *opt*, so 5.1.0 is
/// <c>{"major":5,"minor":1}</c> (rhp-spec §3.2).
/// </summary>
public readonly record struct RhpVersion(ushort Major, ushort Minor, ushort Patch)
{
    /// <summary>The runtime host protocol we speak (oasis-core 22.2 … 26.1): the host requires major 5.</summary>
    public static readonly RhpVersion RuntimeHostProtocol = new(5, 1, 0);

    /// <summary>oasis-core's u64 packing: major &lt;&lt; 32 | minor &lt;&lt; 16 | patch.</summary>
    public ulong ToU64() => ((ulong)Major << 32) | ((ulong)Minor << 16) | Patch;

    public void Write(CborWriter w)
    {
        w.WriteStartMap(null);
        CborOut.OptU64(w, "major", Major);
        CborOut.OptU64(w, "minor", Minor);
        CborOut.OptU64(w, "patch", Patch);
        w.WriteEndMap();
    }

    public static RhpVersion Read(CborReader r)
    {
        ushort major = 0, minor = 0, patch = 0;
        CborIn.Map(r, (r, key) =>
        {
            switch (key)
            {
                case "major": major = CborIn.U16(r); return true;
                case "minor": minor = CborIn.U16(r); return true;
                case "patch": patch = CborIn.U16(r); return true;
                default: return false;
            }
        });
        return new RhpVersion(major, minor, patch);
    }

    public override string ToString() => $"{Major}.{Minor}.{Patch}";
}
