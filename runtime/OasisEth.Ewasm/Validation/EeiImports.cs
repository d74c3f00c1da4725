using System.Collections.Frozen;

namespace OasisEth.Ewasm.Validation;

/// <summary>
/// The host functions a contract may import from the <c>ethereum</c> module (EEI revision 4), each with the exact
/// signature the reference engine enforced: an import with another name or type makes the contract invalid.
/// </summary>
public static class EeiImports
{
    public const string Module = "ethereum";

    private const WasmValueType I32 = WasmValueType.I32;
    private const WasmValueType I64 = WasmValueType.I64;

    private static FunctionType F(WasmValueType[] parameters, params WasmValueType[] results) => new(parameters, results);

    /// <summary>Name → signature.</summary>
    public static FrozenDictionary<string, FunctionType> Signatures { get; } = new Dictionary<string, FunctionType>(StringComparer.Ordinal)
    {
        ["useGas"] = F([I64]),
        ["getGasLeft"] = F([], I64),
        ["getAddress"] = F([I32]),
        ["getExternalBalance"] = F([I32, I32]),
        ["getBlockHash"] = F([I64, I32], I32),
        ["getCallDataSize"] = F([], I32),
        ["callDataCopy"] = F([I32, I32, I32]),
        ["getCaller"] = F([I32]),
        ["getCallValue"] = F([I32]),
        ["codeCopy"] = F([I32, I32, I32]),
        ["getCodeSize"] = F([], I32),
        ["externalCodeCopy"] = F([I32, I32, I32, I32]),
        ["getExternalCodeSize"] = F([I32], I32),
        ["getBlockCoinbase"] = F([I32]),
        ["getBlockDifficulty"] = F([I32]),
        ["getBlockGasLimit"] = F([], I64),
        ["getTxGasPrice"] = F([I32]),
        ["log"] = F([I32, I32, I32, I32, I32, I32, I32]),
        ["getBlockNumber"] = F([], I64),
        ["getBlockTimestamp"] = F([], I64),
        ["getTxOrigin"] = F([I32]),
        ["storageStore"] = F([I32, I32]),
        ["storageLoad"] = F([I32, I32]),
        ["finish"] = F([I32, I32]),
        ["revert"] = F([I32, I32]),
        ["getReturnDataSize"] = F([], I32),
        ["returnDataCopy"] = F([I32, I32, I32]),
        ["call"] = F([I64, I32, I32, I32, I32], I32),
        ["callCode"] = F([I64, I32, I32, I32, I32], I32),
        ["callDelegate"] = F([I64, I32, I32, I32], I32),
        ["callStatic"] = F([I64, I32, I32, I32], I32),
        ["create"] = F([I32, I32, I32, I32], I32),
        ["selfDestruct"] = F([I32]),
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
