using System.Formats.Cbor;
using OasisEth.Host.Cbor;
using OasisEth.Mkvs;
using OasisEth.Primitives;

namespace OasisEth.Host.Protocol;

/// <summary>MKVS root type (rhp-spec §7.6).</summary>
public enum RootType : byte
{
    Invalid = 0,
    State = 1,
    Io = 2,
}

/// <summary>Which storage a <see cref="StorageSyncRequest"/> reads: runtime state (0) or consensus state (1).</summary>
public enum HostStorageEndpoint : byte
{
    Runtime = 0,
    Consensus = 1,
}

/// <summary>
/// <c>Root { ns, version, root_type, hash }</c>: a finalized tree the node can serve. For runtime state use
/// version = <c>header.round</c>, hash = <c>header.state_root</c> (rhp-spec §7.6).
/// </summary>
public readonly record struct StorageRoot(Hash256 Namespace, ulong Version, RootType Type, Hash256 Hash)
{
    /// <summary>The state root a block header points at.</summary>
    public static StorageRoot StateOf(BlockHeader header) => new(header.Namespace, header.Round, RootType.State, header.StateRoot);

    public void Write(CborWriter w)
    {
        w.WriteStartMap(null);
        CborOut.Hash(w, "ns", Namespace);
        CborOut.U64(w, "version", Version);
        CborOut.U64(w, "root_type", (byte)Type);
        CborOut.Hash(w, "hash", Hash);
        w.WriteEndMap();
    }

    public static StorageRoot Read(CborReader r)
    {
        Hash256 ns = default, hash = default;
        ulong version = 0;
        byte type = 0;
        CborIn.Map(r, (r, key) =>
        {
            switch (key)
            {
                case "ns": ns = CborIn.Hash(r); return true;
                case "version": version = CborIn.U64(r); return true;
                case "root_type": type = CborIn.U8(r); return true;
                case "hash": hash = CborIn.Hash(r); return true;
                default: return false;
            }
        });
        return new StorageRoot(ns, version, (RootType)type, hash);
    }
}

/// <summary><c>TreeID { root, position }</c>: position = hash of the subtree being expanded.</summary>
public readonly record struct TreeId(StorageRoot Root, Hash256 Position)
{
    public void Write(CborWriter w)
    {
        w.WriteStartMap(null);
        w.WriteTextString("root");
        Root.Write(w);
        CborOut.Hash(w, "position", Position);
        w.WriteEndMap();
    }

    public static TreeId Read(CborReader r)
    {
        StorageRoot root = default;
        Hash256 position = default;
        CborIn.Map(r, (r, key) =>
        {
            switch (key)
            {
                case "root": root = StorageRoot.Read(r); return true;
                case "position": position = CborIn.Hash(r); return true;
                default: return false;
            }
        });
        return new TreeId(root, position);
    }
}

/// <summary>One storage sync operation: <c>SyncGet</c>, <c>SyncGetPrefixes</c> or <c>SyncIterate</c>.</summary>
public abstract class StorageSyncOp
{
    public TreeId Tree { get; set; }
    /// <summary>0 (Go's default when absent) or 1.</summary>
    public ushort ProofVersion { get; set; }
    public abstract string Name { get; }
    public abstract void Write(CborWriter w);
}

/// <summary><c>GetRequest { tree, key, include_siblings opt, proof_version opt }</c>.</summary>
public sealed class SyncGetRequest : StorageSyncOp
{
    public override string Name => "SyncGet";
    public byte[] Key { get; set; } = [];
    public bool IncludeSiblings { get; set; }

    public override void Write(CborWriter w)
    {
        w.WriteStartMap(null);
        w.WriteTextString("tree");
        Tree.Write(w);
        CborOut.Bytes(w, "key", Key);
        CborOut.OptBool(w, "include_siblings", IncludeSiblings);
        CborOut.OptU64(w, "proof_version", ProofVersion);
        w.WriteEndMap();
    }

    public static SyncGetRequest Read(CborReader r)
    {
        var q = new SyncGetRequest();
        CborIn.Map(r, (r, key) =>
        {
            switch (key)
            {
                case "tree": q.Tree = TreeId.Read(r); return true;
                case "key": q.Key = CborIn.Bytes(r); return true;
                case "include_siblings": q.IncludeSiblings = CborIn.Bool(r); return true;
                case "proof_version": q.ProofVersion = CborIn.U16(r); return true;
                default: return false;
            }
        });
        return q;
    }
}

/// <summary><c>GetPrefixesRequest { tree, prefixes, limit, proof_version opt }</c>.</summary>
public sealed class SyncGetPrefixesRequest : StorageSyncOp
{
    public override string Name => "SyncGetPrefixes";
    public List<byte[]> Prefixes { get; set; } = [];
    public ushort Limit { get; set; }

    public override void Write(CborWriter w)
    {
        w.WriteStartMap(null);
        w.WriteTextString("tree");
        Tree.Write(w);
        CborOut.Array(w, "prefixes", Prefixes, CborOut.ByteString);
        CborOut.U64(w, "limit", Limit);
        CborOut.OptU64(w, "proof_version", ProofVersion);
        w.WriteEndMap();
    }

    public static SyncGetPrefixesRequest Read(CborReader r)
    {
        var q = new SyncGetPrefixesRequest();
        CborIn.Map(r, (r, key) =>
        {
            switch (key)
            {
                case "tree": q.Tree = TreeId.Read(r); return true;
                case "prefixes": q.Prefixes = CborIn.Array(r, CborIn.Bytes); return true;
                case "limit": q.Limit = CborIn.U16(r); return true;
                case "proof_version": q.ProofVersion = CborIn.U16(r); return true;
                default: return false;
            }
        });
        return q;
    }
}

/// <summary><c>IterateRequest { tree, key, prefetch, proof_version opt }</c>.</summary>
public sealed class SyncIterateRequest : StorageSyncOp
{
    public override string Name => "SyncIterate";
    public byte[] Key { get; set; } = [];
    public ushort Prefetch { get; set; }

    public override void Write(CborWriter w)
    {
        w.WriteStartMap(null);
        w.WriteTextString("tree");
        Tree.Write(w);
        CborOut.Bytes(w, "key", Key);
        CborOut.U64(w, "prefetch", Prefetch);
        CborOut.OptU64(w, "proof_version", ProofVersion);
        w.WriteEndMap();
    }

    public static SyncIterateRequest Read(CborReader r)
    {
        var q = new SyncIterateRequest();
        CborIn.Map(r, (r, key) =>
        {
            switch (key)
            {
                case "tree": q.Tree = TreeId.Read(r); return true;
                case "key": q.Key = CborIn.Bytes(r); return true;
                case "prefetch": q.Prefetch = CborIn.U16(r); return true;
                case "proof_version": q.ProofVersion = CborIn.U16(r); return true;
                default: return false;
            }
        });
        return q;
    }
}

/// <summary>
/// <c>HostStorageSyncRequest</c>: one map with <c>endpoint</c> (always written, as Rust does) plus exactly one of
/// <c>SyncGet</c>/<c>SyncGetPrefixes</c>/<c>SyncIterate</c> (rhp-spec §6.2).
/// </summary>
public sealed class StorageSyncRequest : Body
{
    public override string Name => BodyNames.HostStorageSyncRequest;

    public HostStorageEndpoint Endpoint { get; set; }
    public StorageSyncOp Op { get; set; } = new SyncGetRequest();

    public override void WritePayload(CborWriter w)
    {
        w.WriteStartMap(null);
        CborOut.U64(w, "endpoint", (byte)Endpoint);
        w.WriteTextString(Op.Name);
        Op.Write(w);
        w.WriteEndMap();
    }

    public static StorageSyncRequest Read(CborReader r)
    {
        var b = new StorageSyncRequest();
        StorageSyncOp? op = null;
        CborIn.Map(r, (r, key) =>
        {
            StorageSyncOp? next = key switch
            {
                "SyncGet" => SyncGetRequest.Read(r),
                "SyncGetPrefixes" => SyncGetPrefixesRequest.Read(r),
                "SyncIterate" => SyncIterateRequest.Read(r),
                _ => null,
            };
            if (next is not null)
            {
                if (op is not null) throw new RhpCborException("storage sync request with more than one operation");
                op = next;
                return true;
            }
            if (key != "endpoint") return false;
            b.Endpoint = (HostStorageEndpoint)CborIn.U8(r);
            return true;
        });
        b.Op = op ?? throw new RhpCborException("storage sync request without an operation");
        return b;
    }
}

/// <summary><c>HostStorageSyncResponse { ProofResponse: { proof } }</c>.</summary>
public sealed class StorageSyncResponse : Body
{
    public override string Name => BodyNames.HostStorageSyncResponse;

    public MkvsProof Proof { get; set; } = new();

    public override void WritePayload(CborWriter w)
    {
        w.WriteStartMap(1);
        w.WriteTextString("ProofResponse");
        w.WriteStartMap(1);
        w.WriteTextString("proof");
        w.WriteEncodedValue(Proof.ToCbor());
        w.WriteEndMap();
        w.WriteEndMap();
    }

    public static StorageSyncResponse Read(CborReader r)
    {
        var b = new StorageSyncResponse();
        bool found = false;
        CborIn.Map(r, (r, key) =>
        {
            if (key != "ProofResponse") return false;
            CborIn.Map(r, (r, k) =>
            {
                if (k != "proof") return false;
                try
                {
                    b.Proof = MkvsProof.FromCbor(CborIn.Raw(r));
                }
                catch (MkvsException e)
                {
                    throw new RhpCborException(e.Message, e);
                }
                found = true;
                return true;
            });
            return true;
        });
        if (!found) throw new RhpCborException("storage sync response without a proof");
        return b;
    }
}
