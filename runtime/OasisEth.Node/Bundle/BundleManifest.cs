using System.Formats.Cbor;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OasisEth.Mkvs;
using OasisEth.Primitives;

namespace OasisEth.Node.Bundle;

/// <summary>
/// The manifest of a runtime bundle (<c>META-INF/MANIFEST.MF</c>, JSON), as oasis-core reads it
/// (go/runtime/bundle/manifest.go, component.go): runtime id, one RONL component with its version and ELF, and
/// the SHA-512/256 digest of every other file. Only the componentized form is written (the legacy top-level
/// <c>version</c>/<c>executable</c> form is refused on read, as it is for bundles with a RONL component).
/// </summary>
public sealed record BundleManifest(string Name, byte[] RuntimeId, (ushort Major, ushort Minor, ushort Patch) Version,
    string Executable, IReadOnlyDictionary<string, Hash256> Digests)
{
    public const string Path = "META-INF/MANIFEST.MF";

    /// <summary>The JSON the bundle stores. Field names are oasis-core's: its component's <c>Version</c> has no
    /// JSON tag, and Go's JSON decoder matches <c>version</c> to it case-insensitively.</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            if (Name.Length != 0) w.WriteString("name", Name);
            w.WriteString("id", Convert.ToHexStringLower(RuntimeId));
            w.WriteStartArray("components");
            w.WriteStartObject();
            w.WriteString("kind", "ronl");
            w.WriteStartObject("version");
            w.WriteNumber("major", Version.Major);
            w.WriteNumber("minor", Version.Minor);
            w.WriteNumber("patch", Version.Patch);
            w.WriteEndObject();
            w.WriteStartObject("elf");
            w.WriteString("executable", Executable);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartObject("digests");
            foreach (KeyValuePair<string, Hash256> d in SortedDigests()) w.WriteString(d.Key, Convert.ToHexStringLower(d.Value.Bytes));
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// The manifest hash oasis-node uses (the exploded bundle's directory name, a deployment's bundle checksum):
    /// SHA-512/256 of the manifest's canonical CBOR (core: <c>Manifest.Hash</c> = <c>hash.NewFrom(m)</c>), not of
    /// the JSON bytes. Go's CBOR encoder names fields by their JSON tags, drops <c>omitempty</c> fields that are
    /// empty, and sorts map keys length-first (RFC 7049 canonical).
    /// </summary>
    public Hash256 Hash() => Sha512_256.Hash(ToCbor());

    /// <summary>{id: bytes(32), name?, digests: {file: bytes(32)}, components: [{kind, elf: {executable},
    /// Version: {major?, minor?, patch?}}]} with zero version parts left out (omitempty).</summary>
    public byte[] ToCbor()
    {
        var w = new CborWriter(CborConformanceMode.Canonical);
        w.WriteStartMap(Name.Length != 0 ? 4 : 3);
        w.WriteTextString("id");
        w.WriteByteString(RuntimeId);
        if (Name.Length != 0)
        {
            w.WriteTextString("name");
            w.WriteTextString(Name);
        }
        w.WriteTextString("digests");
        w.WriteStartMap(Digests.Count);
        foreach (KeyValuePair<string, Hash256> d in SortedDigests())
        {
            w.WriteTextString(d.Key);
            w.WriteByteString(d.Value.Bytes);
        }
        w.WriteEndMap();
        w.WriteTextString("components");
        w.WriteStartArray(1);
        w.WriteStartMap(3);
        w.WriteTextString("elf");
        w.WriteStartMap(1);
        w.WriteTextString("executable");
        w.WriteTextString(Executable);
        w.WriteEndMap();
        w.WriteTextString("kind");
        w.WriteTextString("ronl");
        w.WriteTextString("Version");
        int parts = (Version.Major != 0 ? 1 : 0) + (Version.Minor != 0 ? 1 : 0) + (Version.Patch != 0 ? 1 : 0);
        w.WriteStartMap(parts);
        if (Version.Major != 0) { w.WriteTextString("major"); w.WriteUInt32(Version.Major); }
        if (Version.Minor != 0) { w.WriteTextString("minor"); w.WriteUInt32(Version.Minor); }
        if (Version.Patch != 0) { w.WriteTextString("patch"); w.WriteUInt32(Version.Patch); }
        w.WriteEndMap();
        w.WriteEndMap();
        w.WriteEndArray();
        w.WriteEndMap();
        return w.Encode();
    }

    /// <summary>
    /// Reads a manifest the way oasis-node's loader would accept it, with its checks: a 64-hex id, exactly one
    /// component, of kind <c>ronl</c> with an empty name, an ELF executable, not disabled, no SGX/TDX metadata
    /// (this runtime has no TEE), and digests that are 64-hex SHA-512/256 values.
    /// </summary>
    /// <exception cref="FormatException">What is wrong.</exception>
    public static BundleManifest Parse(ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new FormatException($"manifest: not valid JSON ({e.Message})", e);
        }
        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Bad("not a JSON object");
            if (root.TryGetProperty("executable", out _) || root.TryGetProperty("sgx", out _))
                throw Bad("legacy top-level executable/sgx: only the componentized form is supported");
            string name = root.TryGetProperty("name", out JsonElement n) ? String(n, "name") : "";
            byte[] id = Hex32(root.TryGetProperty("id", out JsonElement idElement) ? idElement : default, "id");

            if (!root.TryGetProperty("components", out JsonElement components) || components.ValueKind != JsonValueKind.Array)
                throw Bad("components must be an array");
            if (components.GetArrayLength() != 1) throw Bad($"expected exactly one (RONL) component, found {components.GetArrayLength()}");
            JsonElement c = components[0];
            if (c.ValueKind != JsonValueKind.Object) throw Bad("component 0 is not an object");
            if (!c.TryGetProperty("kind", out JsonElement kind) || String(kind, "kind") != "ronl") throw Bad("component 0: kind must be \"ronl\"");
            if (c.TryGetProperty("name", out JsonElement cname) && String(cname, "component name").Length != 0)
                throw Bad("component 0: RONL component must have an empty name");
            if (c.TryGetProperty("disabled", out JsonElement disabled) && disabled.ValueKind == JsonValueKind.True)
                throw Bad("component 0: RONL component cannot be disabled");
            if (c.TryGetProperty("sgx", out _) || c.TryGetProperty("tdx", out _)) throw Bad("component 0: TEE metadata on a non-TEE runtime");
            if (!c.TryGetProperty("elf", out JsonElement elf) || elf.ValueKind != JsonValueKind.Object
                || !elf.TryGetProperty("executable", out JsonElement exe))
                throw Bad("component 0: elf.executable must be set");
            string executable = String(exe, "elf.executable");
            if (executable.Length == 0) throw Bad("component 0: elf.executable must be set");
            var version = ReadVersion(c);

            if (!root.TryGetProperty("digests", out JsonElement digests) || digests.ValueKind != JsonValueKind.Object)
                throw Bad("digests must be an object");
            var map = new Dictionary<string, Hash256>(StringComparer.Ordinal);
            foreach (JsonProperty p in digests.EnumerateObject())
            {
                if (!map.TryAdd(p.Name, new Hash256(Hex32(p.Value, $"digests[{p.Name}]")))) throw Bad($"digest for '{p.Name}' given twice");
            }
            return new BundleManifest(name, id, version, executable, map);
        }
    }

    /// <summary>Go matches JSON keys case-insensitively, so both <c>version</c> and <c>Version</c> name the
    /// component's untagged field.</summary>
    private static (ushort, ushort, ushort) ReadVersion(JsonElement component)
    {
        JsonElement v = default;
        foreach (JsonProperty p in component.EnumerateObject())
        {
            if (string.Equals(p.Name, "version", StringComparison.OrdinalIgnoreCase)) v = p.Value;
        }
        if (v.ValueKind != JsonValueKind.Object) throw Bad("component 0: version must be an object {major, minor, patch}");
        return (Part(v, "major"), Part(v, "minor"), Part(v, "patch"));
    }

    private static ushort Part(JsonElement version, string name)
    {
        if (!version.TryGetProperty(name, out JsonElement e)) return 0; // omitempty: absent means 0
        if (e.ValueKind != JsonValueKind.Number || !e.TryGetUInt16(out ushort value)) throw Bad($"version.{name} must be a 16-bit unsigned number");
        return value;
    }

    private static string String(JsonElement e, string what)
    {
        if (e.ValueKind != JsonValueKind.String) throw Bad($"{what} must be a string");
        return e.GetString()!;
    }

    private static byte[] Hex32(JsonElement e, string what)
    {
        string text = e.ValueKind == JsonValueKind.String ? e.GetString()! : "";
        if (text.Length != 64 || !Hex.TryDecode(text, out byte[] bytes)) throw Bad($"{what} must be 64 hex digits");
        return bytes;
    }

    private IEnumerable<KeyValuePair<string, Hash256>> SortedDigests()
    {
        // Canonical CBOR order (length first, then bytes) for the hash; the JSON uses the same order so the file
        // reads in a stable order too.
        var list = new List<KeyValuePair<string, Hash256>>(Digests);
        list.Sort(static (a, b) =>
        {
            int la = Encoding.UTF8.GetByteCount(a.Key), lb = Encoding.UTF8.GetByteCount(b.Key);
            return la != lb ? la.CompareTo(lb) : string.CompareOrdinal(a.Key, b.Key);
        });
        return list;
    }

    private static FormatException Bad(string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"manifest: {message}"));
}
