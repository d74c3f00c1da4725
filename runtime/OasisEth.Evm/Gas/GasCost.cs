namespace OasisEth.Evm.Gas;

/// <summary>Gas constants, each named for the EIP that set it where a fork changed it.</summary>
public static class GasCost
{
    public const long Zero = 0;
    public const long Base = 2;
    public const long VeryLow = 3;
    public const long Low = 5;
    public const long Mid = 8;
    public const long High = 10;
    public const long JumpDest = 1;

    public const long ExpBase = 10;
    public const long ExpByteFrontier = 10;
    public const long ExpByteEip160 = 50;

    public const long Keccak = 30;
    public const long KeccakWord = 6;
    public const long Copy = 3; // per word, CALLDATACOPY/CODECOPY/RETURNDATACOPY/MCOPY/EXTCODECOPY
    public const long Memory = 3; // per word, plus words^2 / 512

    public const long Log = 375;
    public const long LogTopic = 375;
    public const long LogData = 8;

    public const long BalanceFrontier = 20;
    public const long BalanceEip150 = 400;
    public const long BalanceEip1884 = 700;
    public const long ExtCodeFrontier = 20;
    public const long ExtCodeEip150 = 700;
    public const long ExtCodeHashConstantinople = 400;
    public const long ExtCodeHashEip1884 = 700;
    public const long SloadFrontier = 50;
    public const long SloadEip150 = 200;
    public const long SloadEip1884 = 800;
    public const long CallFrontier = 40;
    public const long CallEip150 = 700;
    public const long SelfDestructEip150 = 5000;
    public const long SelfDestructRefund = 24000; // removed by EIP-3529

    // EIP-2929 (Berlin)
    public const long WarmStorageRead = 100;
    public const long ColdSload = 2100;
    public const long ColdAccountAccess = 2600;
    public const long AccessListAddress = 2400; // EIP-2930
    public const long AccessListStorageKey = 1900;

    // SSTORE
    public const long SstoreSet = 20000;
    public const long SstoreReset = 5000;
    public const long SstoreClearRefund = 15000;
    public const long SstoreClearRefundEip3529 = 4800; // SSTORE_RESET (2900) + ACCESS_LIST_STORAGE_KEY (1900)
    public const long SstoreSentryEip2200 = 2300;
    public const long SloadNetMeteringEip1283 = 200;

    public const long CallValue = 9000;
    public const long CallStipend = 2300;
    public const long NewAccount = 25000;

    public const long Create = 32000;
    public const long CodeDeposit = 200; // per byte
    public const long InitCodeWord = 2; // EIP-3860

    public const long BlockHash = 20;
    public const long TransientStorage = 100; // EIP-1153 TLOAD/TSTORE
    public const long BlobHash = 3;

    // Transaction-level
    public const long Transaction = 21000;
    public const long TransactionCreate = 53000; // Homestead on (EIP-2)
    public const long TxDataZero = 4;
    public const long TxDataNonZeroFrontier = 68;
    public const long TxDataNonZeroEip2028 = 16;
    public const long TotalCostFloorPerToken = 10; // EIP-7623
    public const long PerEmptyAccountEip7702 = 25000;
    public const long PerAuthBaseEip7702 = 12500;
}
