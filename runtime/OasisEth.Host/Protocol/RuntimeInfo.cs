using System.Formats.Cbor;
using OasisEth.Host.Cbor;
using OasisEth.Primitives;

namespace OasisEth.Host.Protocol;

/// <summary>The host's first request (rhp-spec §5): who we are and which consensus we sit on.</summary>
public sealed class RuntimeInfoRequest : Body
{
    public override string Name => BodyNames.RuntimeInfoRequest;

    public Hash256 RuntimeId { get; set; }
    public string ConsensusBackend { get; set; } = "";
    public RhpVersion ConsensusProtocolVersion { get; set; }
    public string ConsensusChainContext { get; set; } = "";

    /// <summary>Node-local settings (YAML <c>config</c>): key → encoded CBOR value, ordinal key order. Never consensus input.</summary>
    public SortedDictionary<string, byte[]> LocalConfig { get; set; } = new(StringComparer.Ordinal);

    public override void WritePayload(CborWriter w)
    {
        w.WriteStartMap(null);
        CborOut.Hash(w, "runtime_id", RuntimeId);
        CborOut.Text(w, "consensus_backend", ConsensusBackend);
        w.WriteTextString("consensus_protocol_version");
        ConsensusProtocolVersion.Write(w);
        CborOut.Text(w, "consensus_chain_context", ConsensusChainContext);
        if (LocalConfig.Count > 0)
        {
            w.WriteTextString("local_config");
            w.WriteStartMap(null);
            foreach (var (k, v) in LocalConfig)
            {
                w.WriteTextString(k);
                w.WriteEncodedValue(v);
            }
            w.WriteEndMap();
        }
        w.WriteEndMap();
    }

    public static RuntimeInfoRequest Read(CborReader r)
    {
        var b = new RuntimeInfoRequest();
        CborIn.Map(r, (r, key) =>
        {
            switch (key)
            {
                case "runtime_id": b.RuntimeId = CborIn.Hash(r); return true;
                case "consensus_backend": b.ConsensusBackend = CborIn.Text(r); return true;
                case "consensus_protocol_version": b.ConsensusProtocolVersion = RhpVersion.Read(r); return true;
                case "consensus_chain_context": b.ConsensusChainContext = CborIn.Text(r); return true;
                case "local_config":
                    CborIn.Map(r, (r, k) =>
                    {
                        b.LocalConfig[k] = CborIn.Raw(r);
                        return true;
                    });
                    return true;
                default: return false;
            }
        });
        return b;
    }
}

/// <summary><c>schedule_control { initial_batch_size }</c>: required for a compute runtime (rhp-spec §0.4).</summary>
public sealed record ScheduleControl(uint InitialBatchSize);

/// <summary>Runtime features (rhp-spec §5). Always sent, possibly as <c>{}</c>; every member is *opt*.</summary>
public sealed class Features
{
    public ScheduleControl? ScheduleControl { get; set; }
    public bool KeyManagerQuotePolicyUpdates { get; set; }
    public bool KeyManagerStatusUpdates { get; set; }
    public bool EndorsedCapabilityTee { get; set; }

    public void Write(CborWriter w)
    {
        w.WriteStartMap(null);
        if (ScheduleControl is { } sc)
        {
            w.WriteTextString("schedule_control");
            w.WriteStartMap(null);
            CborOut.U64(w, "initial_batch_size", sc.InitialBatchSize);
            w.WriteEndMap();
        }
        CborOut.OptBool(w, "key_manager_quote_policy_updates", KeyManagerQuotePolicyUpdates);
        CborOut.OptBool(w, "key_manager_status_updates", KeyManagerStatusUpdates);
        CborOut.OptBool(w, "endorsed_capability_tee", EndorsedCapabilityTee);
        w.WriteEndMap();
    }

    public static Features Read(CborReader r)
    {
        var f = new Features();
        CborIn.Map(r, (r, key) =>
        {
            switch (key)
            {
                case "schedule_control":
                    uint size = 0;
                    CborIn.Map(r, (r, k) =>
                    {
                        if (k != "initial_batch_size") return false;
                        size = CborIn.U32(r);
                        return true;
                    });
                    f.ScheduleControl = new ScheduleControl(size);
                    return true;
                case "key_manager_quote_policy_updates": f.KeyManagerQuotePolicyUpdates = CborIn.Bool(r); return true;
                case "key_manager_status_updates": f.KeyManagerStatusUpdates = CborIn.Bool(r); return true;
                case "endorsed_capability_tee": f.EndorsedCapabilityTee = CborIn.Bool(r); return true;
                default: return false;
            }
        });
        return f;
    }
}

/// <summary>
/// Our answer to the handshake (rhp-spec §5): protocol 5.1.0, the bundle's runtime version (it must equal the
/// manifest's), and the features.
/// </summary>
public sealed class RuntimeInfoResponse : Body
{
    public override string Name => BodyNames.RuntimeInfoResponse;

    public RhpVersion ProtocolVersion { get; set; } = RhpVersion.RuntimeHostProtocol;
    public RhpVersion RuntimeVersion { get; set; }
    public Features Features { get; set; } = new();

    public override void WritePayload(CborWriter w)
    {
        w.WriteStartMap(null);
        w.WriteTextString("protocol_version");
        ProtocolVersion.Write(w);
        w.WriteTextString("runtime_version");
        RuntimeVersion.Write(w);
        w.WriteTextString("features");
        Features.Write(w);
        w.WriteEndMap();
    }

    public static RuntimeInfoResponse Read(CborReader r)
    {
        var b = new RuntimeInfoResponse { ProtocolVersion = default };
        CborIn.Map(r, (r, key) =>
        {
            switch (key)
            {
                case "protocol_version": b.ProtocolVersion = RhpVersion.Read(r); return true;
                case "runtime_version": b.RuntimeVersion = RhpVersion.Read(r); return true;
                case "features": b.Features = Features.Read(r); return true;
                default: return false;
            }
        });
        return b;
    }
}
