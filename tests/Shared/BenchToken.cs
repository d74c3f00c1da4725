using OasisEth.Primitives;
using OasisEth.Tests.Shared;

namespace OasisEth.Tests.Shared;

/// <summary>The compiled ERC-20 of <c>shared/bench/contracts</c> (BenchToken.sol) and its calldata.</summary>
internal static class BenchToken
{
    public static string ContractsFolder => Path.GetFullPath(Path.Combine(SharedFixtures.Conformance, "..", "bench", "contracts"));

    private static readonly Lazy<byte[]> Creation = new(() =>
        Hex.Decode(File.ReadAllText(Path.Combine(ContractsFolder, "BenchToken.bin")).Trim()));

    public static readonly Hash256 TransferTopic = Keccak.Compute("Transfer(address,address,uint256)"u8);

    /// <summary>Creation code with the constructor arguments ("Bench", "BT").</summary>
    public static byte[] CreationCode()
    {
        byte[] code = Creation.Value;
        var args = new byte[32 * 6];
        args[31] = 0x40;              // offset of name
        args[63] = 0x80;              // offset of symbol
        args[95] = 5;                 // "Bench"
        "Bench"u8.CopyTo(args.AsSpan(96));
        args[159] = 2;                // "BT"
        "BT"u8.CopyTo(args.AsSpan(160));
        return [.. code, .. args];
    }

    public static byte[] Transfer(Address to, UInt256 amount) => Call(0xa9059cbb, to, amount);
    public static byte[] Mint(Address to, UInt256 amount) => Call(0x40c10f19, to, amount);
    public static byte[] Approve(Address spender, UInt256 amount) => Call(0x095ea7b3, spender, amount);

    public static byte[] BalanceOf(Address owner)
    {
        var data = new byte[36];
        WriteSelector(data, 0x70a08231);
        owner.CopyTo(data.AsSpan(16));
        return data;
    }

    private static byte[] Call(uint selector, Address address, UInt256 amount)
    {
        var data = new byte[68];
        WriteSelector(data, selector);
        address.CopyTo(data.AsSpan(16));
        amount.WriteBigEndian(data.AsSpan(36));
        return data;
    }

    private static void WriteSelector(byte[] data, uint selector)
    {
        data[0] = (byte)(selector >> 24);
        data[1] = (byte)(selector >> 16);
        data[2] = (byte)(selector >> 8);
        data[3] = (byte)selector;
    }

    public static Address CreatedBy(Address sender, ulong nonce) => OasisEth.Evm.ContractAddress.FromCreate(sender, nonce);
}
