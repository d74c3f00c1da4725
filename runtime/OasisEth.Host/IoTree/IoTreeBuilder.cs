using System.Formats.Cbor;
using OasisEth.Mkvs;
using OasisEth.Primitives;

namespace OasisEth.Host.IoTree;

/// <summary>
/// Builds one round's I/O tree (rhp-spec §8; core: runtime/src/transaction/tree.rs). Two phases, matching what
/// the response needs: add the included txs' inputs and <see cref="CommitInputs"/> → <c>tx_input_root</c> and
/// <c>tx_input_write_log</c>; then add outputs and tags and <see cref="Commit"/> → <c>header.io_root</c> and
/// <c>batch.io_write_log</c> (the extra entries only). Layout, with H = SHA-512/256:
/// input <c>'T' ‖ H(raw) ‖ 0x01</c> → cbor [raw, batch_order]; output <c>'T' ‖ H(raw) ‖ 0x02</c> → cbor [output];
/// tx tag <c>'E' ‖ key ‖ H(raw)</c> → value; block tag <c>'E' ‖ key ‖ 32 zero bytes</c> → value.
/// The roots depend only on the entry set, so the order of calls does not matter.
/// </summary>
public sealed class IoTreeBuilder
{
    public const byte TxPrefix = (byte)'T';
    public const byte TagPrefix = (byte)'E';
    public const byte InputKind = 0x01;
    public const byte OutputKind = 0x02;

    private readonly MkvsTree _tree = new();
    private readonly HashSet<Hash256> _inputs = [];
    private bool _inputsCommitted;
    private bool _committed;

    /// <summary>The tx hash: SHA-512/256 of the raw bytes (what <c>tx_hashes</c> carries).</summary>
    public static Hash256 TxHash(ReadOnlySpan<byte> raw) => Sha512_256.Hash(raw);

    public static byte[] InputKey(in Hash256 txHash) => TxKey(txHash, InputKind);

    public static byte[] OutputKey(in Hash256 txHash) => TxKey(txHash, OutputKind);

    public static byte[] TxTagKey(ReadOnlySpan<byte> tagKey, in Hash256 txHash)
    {
        var key = new byte[1 + tagKey.Length + Hash256.Size];
        key[0] = TagPrefix;
        tagKey.CopyTo(key.AsSpan(1));
        txHash.CopyTo(key.AsSpan(1 + tagKey.Length));
        return key;
    }

    /// <summary>A block tag is a tx tag for the all-zero tx hash.</summary>
    public static byte[] BlockTagKey(ReadOnlySpan<byte> tagKey) => TxTagKey(tagKey, default);

    /// <summary>cbor [raw, batch_order].</summary>
    public static byte[] InputValue(ReadOnlySpan<byte> raw, uint batchOrder)
    {
        var w = new CborWriter(CborConformanceMode.Lax);
        w.WriteStartArray(2);
        w.WriteByteString(raw);
        w.WriteUInt32(batchOrder);
        w.WriteEndArray();
        return w.Encode();
    }

    /// <summary>cbor [output].</summary>
    public static byte[] OutputValue(ReadOnlySpan<byte> output)
    {
        var w = new CborWriter(CborConformanceMode.Lax);
        w.WriteStartArray(1);
        w.WriteByteString(output);
        w.WriteEndArray();
        return w.Encode();
    }

    /// <summary>Adds an included tx at position <paramref name="batchOrder"/>; returns its hash. A duplicate tx is refused (its keys would collide).</summary>
    public Hash256 AddInput(ReadOnlySpan<byte> raw, uint batchOrder)
    {
        if (_inputsCommitted) throw new InvalidOperationException("Inputs are already committed.");
        var hash = TxHash(raw);
        if (!_inputs.Add(hash)) throw new ArgumentException($"Transaction {hash} is already in the batch.", nameof(raw));
        _tree.Insert(InputKey(hash), InputValue(raw, batchOrder));
        return hash;
    }

    /// <summary>Commits the inputs-only tree: <c>tx_input_root</c> and <c>tx_input_write_log</c>.</summary>
    public MkvsCommitResult CommitInputs()
    {
        if (_inputsCommitted) throw new InvalidOperationException("Inputs are already committed.");
        _inputsCommitted = true;
        return _tree.Commit();
    }

    /// <summary>The output of an included tx (written for every tx, even when empty, as the Rust runtime does).</summary>
    public void AddOutput(in Hash256 txHash, ReadOnlySpan<byte> output)
    {
        RequireOutputPhase();
        _tree.Insert(OutputKey(txHash), OutputValue(output));
    }

    public void AddTxTag(in Hash256 txHash, ReadOnlySpan<byte> tagKey, ReadOnlySpan<byte> value)
    {
        RequireOutputPhase();
        _tree.Insert(TxTagKey(tagKey, txHash), value);
    }

    public void AddBlockTag(ReadOnlySpan<byte> tagKey, ReadOnlySpan<byte> value)
    {
        RequireOutputPhase();
        _tree.Insert(BlockTagKey(tagKey), value);
    }

    /// <summary>Commits outputs and tags: <c>header.io_root</c> and <c>batch.io_write_log</c> (entries beyond the inputs).</summary>
    public MkvsCommitResult Commit()
    {
        RequireOutputPhase();
        _committed = true;
        return _tree.Commit();
    }

    private static byte[] TxKey(in Hash256 txHash, byte kind)
    {
        var key = new byte[2 + Hash256.Size];
        key[0] = TxPrefix;
        txHash.CopyTo(key.AsSpan(1));
        key[^1] = kind;
        return key;
    }

    private void RequireOutputPhase()
    {
        if (!_inputsCommitted) throw new InvalidOperationException("Commit the inputs first (CommitInputs).");
        if (_committed) throw new InvalidOperationException("The I/O tree is already committed.");
    }
}
