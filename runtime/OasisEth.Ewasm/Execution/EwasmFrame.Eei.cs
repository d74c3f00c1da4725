using OasisEth.Evm;
using OasisEth.Evm.Gas;
using OasisEth.Primitives;

namespace OasisEth.Ewasm.Execution;

/// <summary>The host functions (EEI revision 4) with the reference engine's semantics: what each charges and when,
/// which checks trap (failing the frame with all its gas) and which return an error code to the contract.</summary>
internal sealed partial class EwasmFrame
{
    public void UseGas(long amount)
    {
        if (amount < 0) throw EwasmHalt.OutOfRange("negative gas");
        Charge(amount);
    }

    public long GetGasLeft()
    {
        Charge(Pricing.Base);
        return Frame.Gas;
    }

    public void GetAddress(int result)
    {
        Charge(Pricing.Base);
        Frame.Address.CopyTo(Memory(result, Address.Size, "getAddress"));
    }

    public void GetExternalBalance(int address, int result)
    {
        if (Pricing.IsReference) Charge(Pricing.Balance(false));
        Address account = LoadAddress(address);
        if (!Pricing.IsReference) Charge(Pricing.Balance(Host.AccessAccount(account)));
        StoreU128(Host.GetBalance(account), result);
    }

    /// <summary>0 and the hash written, or 1 (memory untouched) when the block is not one of the 256 before this one.</summary>
    public int GetBlockHash(long number, int result)
    {
        Charge(Pricing.BlockHash);
        ulong current = Host.Block.Number;
        if (number < 0 || (ulong)number >= current || current - (ulong)number > 256) return 1;
        Hash256 hash = Host.GetBlockHash((ulong)number);
        if (hash == Hash256.Zero) return 1;
        hash.CopyTo(Memory(result, 32, "getBlockHash"));
        return 0;
    }

    public int GetCallDataSize()
    {
        Charge(Pricing.Base);
        return Frame.Input.Length;
    }

    public void CallDataCopy(int result, int dataOffset, int length)
    {
        Charge(Pricing.VeryLow + Pricing.CopyWord * Words((uint)length));
        CopyOut(Frame.Input, dataOffset, result, length, "callDataCopy");
    }

    public void GetCaller(int result)
    {
        Charge(Pricing.Base);
        Frame.Caller.CopyTo(Memory(result, Address.Size, "getCaller"));
    }

    public void GetCallValue(int result)
    {
        Charge(Pricing.Base);
        StoreU128(Frame.Value, result);
    }

    public void CodeCopy(int result, int codeOffset, int length)
    {
        Charge(Pricing.VeryLow + Pricing.CopyWord * Words((uint)length));
        CopyOut(Frame.Code.Code, codeOffset, result, length, "codeCopy");
    }

    public int GetCodeSize()
    {
        Charge(Pricing.Base);
        return Frame.Code.Length;
    }

    public void ExternalCodeCopy(int address, int result, int codeOffset, int length)
    {
        long copy = Pricing.CopyWord * Words((uint)length);
        if (Pricing.IsReference) Charge(Pricing.ExternalCode(false) + copy);
        Address account = LoadAddress(address);
        if (!Pricing.IsReference) Charge(Pricing.ExternalCode(Host.AccessAccount(account)) + copy);
        CopyOut(Host.GetCode(account), codeOffset, result, length, "externalCodeCopy");
    }

    public int GetExternalCodeSize(int address)
    {
        if (Pricing.IsReference) Charge(Pricing.ExternalCode(false));
        Address account = LoadAddress(address);
        if (!Pricing.IsReference) Charge(Pricing.ExternalCode(Host.AccessAccount(account)));
        return Host.GetCodeSize(account);
    }

    public void GetBlockCoinbase(int result)
    {
        Charge(Pricing.Base);
        Host.Block.Coinbase.CopyTo(Memory(result, Address.Size, "getBlockCoinbase"));
    }

    /// <summary>The difficulty, or after the merge what took its place (PREVRANDAO), as a little-endian u256.</summary>
    public void GetBlockDifficulty(int result)
    {
        Charge(Pricing.Base);
        StoreU256(Pricing.Fork is { IsParis: true } ? Host.Block.PrevRandao : Host.Block.Difficulty, result);
    }

    public long GetBlockGasLimit()
    {
        Charge(Pricing.Base);
        return (long)Host.Block.GasLimit;
    }

    public void GetTxGasPrice(int result)
    {
        Charge(Pricing.Base);
        StoreU128(Host.Tx.GasPrice, result);
    }

    public void Log(int dataOffset, int length, int topicCount, int topic1, int topic2, int topic3, int topic4)
    {
        // Charged before the checks, as the reference engine does.
        Charge(Pricing.Log + Pricing.LogTopic * (uint)topicCount + Pricing.LogData * (uint)length);
        if (Frame.IsStatic) throw EwasmHalt.Static("log");
        if ((uint)topicCount > 4) throw new EwasmHalt(ExitCode.WasmTrap, $"log with {(uint)topicCount} topics; at most 4");
        int[] offsets = [topic1, topic2, topic3, topic4];
        var topics = new Hash256[topicCount];
        for (int i = 0; i < topicCount; i++) topics[i] = new Hash256(Memory(offsets[i], 32, "log topic"));
        byte[] data = Memory(dataOffset, length, "log data").ToArray();
        Host.EmitLog(new LogEntry(Frame.Address, topics, data));
    }

    public long GetBlockNumber()
    {
        Charge(Pricing.Base);
        return (long)Host.Block.Number;
    }

    public long GetBlockTimestamp()
    {
        Charge(Pricing.Base);
        return (long)Host.Block.Timestamp;
    }

    public void GetTxOrigin(int result)
    {
        Charge(Pricing.Base);
        Host.Tx.Origin.CopyTo(Memory(result, Address.Size, "getTxOrigin"));
    }

    public void StorageStore(int keyOffset, int valueOffset)
    {
        Charge(Pricing.StorageStoreMinimum);
        if (Frame.IsStatic) throw EwasmHalt.Static("storageStore");
        UInt256 key = LoadBytes32(keyOffset);
        UInt256 value = LoadBytes32(valueOffset);
        if (Pricing.Fork is { IsIstanbul: true } && Frame.Gas <= GasCost.SstoreSentryEip2200) throw EwasmHalt.OutOfGas();
        StorageWrite write = Host.StoreStorage(Frame.Address, key, value);
        Charge(Pricing.StorageStore(in write, ref Frame.Refund));
    }

    public void StorageLoad(int keyOffset, int result)
    {
        if (Pricing.IsReference) Charge(Pricing.StorageLoad(false));
        UInt256 key = LoadBytes32(keyOffset);
        StorageRead read = Host.LoadStorage(Frame.Address, key);
        if (!Pricing.IsReference) Charge(Pricing.StorageLoad(read.WasCold));
        read.Value.WriteBigEndian(Memory(result, 32, "storageLoad"));
    }

    public void Finish(int offset, int length) => Halt(ExitCode.Return, offset, length);

    public void Revert(int offset, int length) => Halt(ExitCode.Revert, offset, length);

    private void Halt(ExitCode exit, int offset, int length)
    {
        Frame.Output = Memory(offset, length, exit == ExitCode.Return ? "finish" : "revert").ToArray();
        throw new EwasmHalt(exit, exit.ToString());
    }

    public int GetReturnDataSize()
    {
        Charge(Pricing.Base);
        return Frame.ReturnData.Length;
    }

    public void ReturnDataCopy(int result, int dataOffset, int length)
    {
        Charge(Pricing.VeryLow + Pricing.CopyWord * Words((uint)length));
        CopyOut(Frame.ReturnData, dataOffset, result, length, "returnDataCopy");
    }

    public void SelfDestruct(int beneficiaryOffset)
    {
        Charge(Pricing.SelfDestruct);
        if (Frame.IsStatic) throw EwasmHalt.Static("selfDestruct");
        Address beneficiary = LoadAddress(beneficiaryOffset);
        if (Pricing.IsReference)
        {
            if (!Host.AccountExists(beneficiary)) Charge(Pricing.NewAccount);
        }
        else
        {
            if (Pricing.Fork!.IsBerlin && Host.AccessAccount(beneficiary)) Charge(GasCost.ColdAccountAccess);
            if (Host.IsDead(beneficiary) && !Host.GetBalance(Frame.Address).IsZero) Charge(Pricing.NewAccount);
        }
        bool first = Host.SelfDestruct(Frame.Address, beneficiary, onlyIfCreated: Pricing.Fork is { IsCancun: true });
        if (first && Pricing.Fork is not { IsLondon: true }) Frame.Refund += GasCost.SelfDestructRefund;
        Frame.Output = [];
        throw new EwasmHalt(ExitCode.Stop, "selfDestruct");
    }
}
