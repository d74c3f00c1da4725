using System.Text.Json;
using OasisEth.Primitives;

namespace OasisEth.Tracing;

/// <summary>
/// OpenEthereum's <c>stateDiff</c> (<c>trace_replay*</c>, <c>trace_call</c> with "stateDiff"): per changed account,
/// <c>balance</c>, <c>code</c>, <c>nonce</c> and each changed slot as <c>"="</c> (same), <c>{"+": new}</c> (account
/// born), <c>{"-": old}</c> (account died) or <c>{"*": {"from", "to"}}</c>. Built from a diff-mode
/// <see cref="PrestateTracer"/>'s <see cref="PrestateTracer.Changes"/>.
/// </summary>
public static class ParityStateDiff
{
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<AccountChange> changes)
    {
        writer.WriteStartObject();
        foreach (AccountChange change in changes)
        {
            writer.WriteStartObject(change.Address.ToString());
            PrestateAccount before = change.Before;
            PrestateAccount after = change.After ?? new PrestateAccount();
            WriteField(writer, "balance"u8, change.Kind, Quantity(before.Balance ?? UInt256.Zero), Quantity(after.Balance ?? UInt256.Zero));
            WriteField(writer, "code"u8, change.Kind, Hex.EncodePrefixed(before.Code ?? []), Hex.EncodePrefixed(after.Code ?? []));
            WriteField(writer, "nonce"u8, change.Kind, Quantity(before.Nonce ?? 0), Quantity(after.Nonce ?? 0));
            writer.WriteStartObject("storage"u8);
            foreach (var (slot, (from, to)) in change.Slots)
                WriteField(writer, Word(slot), change.Kind, Word(from), Word(to));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    private static void WriteField(Utf8JsonWriter writer, ReadOnlySpan<byte> name, AccountChangeKind kind, string from, string to) =>
        WriteField(writer, System.Text.Encoding.UTF8.GetString(name), kind, from, to);

    private static void WriteField(Utf8JsonWriter writer, string name, AccountChangeKind kind, string from, string to)
    {
        switch (kind)
        {
            case AccountChangeKind.Born:
                writer.WriteStartObject(name);
                writer.WriteString("+", to);
                writer.WriteEndObject();
                return;
            case AccountChangeKind.Died:
                writer.WriteStartObject(name);
                writer.WriteString("-", from);
                writer.WriteEndObject();
                return;
        }
        if (from == to)
        {
            writer.WriteString(name, "=");
            return;
        }
        writer.WriteStartObject(name);
        writer.WriteStartObject("*");
        writer.WriteString("from", from);
        writer.WriteString("to", to);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static string Quantity(in UInt256 value) => value.ToHexString();

    private static string Quantity(ulong value) => "0x" + value.ToString("x", System.Globalization.CultureInfo.InvariantCulture);

    private static string Word(in UInt256 value)
    {
        Span<byte> bytes = stackalloc byte[32];
        value.WriteBigEndian(bytes);
        return Hex.EncodePrefixed(bytes);
    }
}
