namespace OasisEth.Host.Protocol;

/// <summary>Body variant names as they appear on the wire (core: runtime/src/types.rs, go/runtime/host/protocol/types.go).</summary>
public static class BodyNames
{
    public const string Empty = "Empty";
    public const string Error = "Error";

    public const string RuntimeInfoRequest = "RuntimeInfoRequest";
    public const string RuntimeInfoResponse = "RuntimeInfoResponse";
    public const string RuntimePingRequest = "RuntimePingRequest";
    public const string RuntimeShutdownRequest = "RuntimeShutdownRequest";
    public const string RuntimeAbortRequest = "RuntimeAbortRequest";
    public const string RuntimeAbortResponse = "RuntimeAbortResponse";
    public const string RuntimeConsensusSyncRequest = "RuntimeConsensusSyncRequest";
    public const string RuntimeConsensusSyncResponse = "RuntimeConsensusSyncResponse";
    public const string RuntimeCheckTxBatchRequest = "RuntimeCheckTxBatchRequest";
    public const string RuntimeCheckTxBatchResponse = "RuntimeCheckTxBatchResponse";
    public const string RuntimeExecuteTxBatchRequest = "RuntimeExecuteTxBatchRequest";
    public const string RuntimeExecuteTxBatchResponse = "RuntimeExecuteTxBatchResponse";
    public const string RuntimeQueryRequest = "RuntimeQueryRequest";
    public const string RuntimeQueryResponse = "RuntimeQueryResponse";
    public const string RuntimeNotifyRequest = "RuntimeNotifyRequest";

    public const string HostStorageSyncRequest = "HostStorageSyncRequest";
    public const string HostStorageSyncResponse = "HostStorageSyncResponse";
    public const string HostFetchTxBatchRequest = "HostFetchTxBatchRequest";
    public const string HostFetchTxBatchResponse = "HostFetchTxBatchResponse";

    /// <summary>
    /// Requests a non-TEE runtime without key manager or ROFL does not serve. The dispatcher answers them with
    /// an Error from <c>rhp/dispatcher</c>, as the Rust runtime does for what it does not handle (rhp-spec §6.1, §11).
    /// </summary>
    public static readonly IReadOnlySet<string> Unsupported = new HashSet<string>(StringComparer.Ordinal)
    {
        RuntimeShutdownRequest,
        "RuntimeRPCCallRequest",
        "RuntimeLocalRPCCallRequest",
        "RuntimeKeyManagerStatusUpdateRequest",
        "RuntimeKeyManagerQuotePolicyUpdateRequest",
        "RuntimeKeyManagerPolicyUpdateRequest",
        "RuntimeCapabilityTEERakInitRequest",
        "RuntimeCapabilityTEERakReportRequest",
        "RuntimeCapabilityTEERakAvrRequest",
        "RuntimeCapabilityTEERakQuoteRequest",
        "RuntimeCapabilityTEEUpdateEndorsementRequest",
    };
}
