namespace OasisEth.Rpc.Tests;

/// <summary>Hand-assembled test contracts (init code = a copier in front of the runtime code).</summary>
internal static class Contracts
{
    public static readonly Hash256 LogTopic = Keccak.Compute("Logged(bytes)"u8);

    /// <summary>Emits LOG1(topic = <see cref="LogTopic"/>, data = calldata).</summary>
    public static byte[] Logger()
    {
        byte[] runtime = [0x36, 0x5f, 0x5f, 0x37, 0x7f, .. LogTopic.Bytes, 0x36, 0x5f, 0xa1, 0x00];
        return Init(runtime);
    }

    /// <summary>Stores calldata word 0 in slot 0; returns slot 0 as 32 bytes when called with no data.</summary>
    public static byte[] Store()
    {
        // CALLDATASIZE ISZERO PUSH1 read JUMPI; PUSH0 CALLDATALOAD PUSH0 SSTORE STOP; read: JUMPDEST PUSH0 SLOAD PUSH0 MSTORE PUSH1 32 PUSH0 RETURN
        byte[] runtime = [0x36, 0x15, 0x60, 0x0a, 0x57, 0x5f, 0x35, 0x5f, 0x55, 0x00, 0x5b, 0x5f, 0x54, 0x5f, 0x52, 0x60, 0x20, 0x5f, 0xf3];
        return Init(runtime);
    }

    /// <summary>Always reverts with Error("nope").</summary>
    public static byte[] Reverter()
    {
        byte[] payload = new byte[100];
        payload[0] = 0x08; payload[1] = 0xc3; payload[2] = 0x79; payload[3] = 0xa0;
        payload[4 + 31] = 0x20;
        payload[36 + 31] = 4;
        "nope"u8.CopyTo(payload.AsSpan(68));
        byte[] runtime = [0x60, 100, 0x60, 0x0a, 0x5f, 0x39, 0x60, 100, 0x5f, 0xfd, .. payload];
        return Init(runtime);
    }

    public static readonly byte[] ErrorNopeData = Reverter()[(10 + 10)..];

    /// <summary>Loops until out of gas.</summary>
    public static byte[] Spinner() => Init([0x5b, 0x5f, 0x56]);

    /// <summary>Calls itself with all but 1/64 of its gas until the gas or the depth limit stops it.</summary>
    public static byte[] Recurser() => Init([0x5f, 0x5f, 0x5f, 0x5f, 0x5f, 0x30, 0x5a, 0xf1, 0x50, 0x00]);

    internal static byte[] Init(byte[] runtime)
    {
        if (runtime.Length > 255) throw new ArgumentException("runtime too long for the one-byte copier");
        byte n = (byte)runtime.Length;
        return [0x60, n, 0x60, 0x0a, 0x5f, 0x39, 0x60, n, 0x5f, 0xf3, .. runtime];
    }
}
