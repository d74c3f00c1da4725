using OasisEth.Evm.Gas;
using OasisEth.Primitives;

namespace OasisEth.Evm;

public sealed partial class EvmInterpreter
{
    /// <summary>EIP-2929: the dynamic part of account-reading opcodes, 2600 for a cold account, 100 for a warm one.</summary>
    internal long ChargeAccountAccess(in Address address, long gas)
    {
        if (!_spec.IsBerlin) return gas;
        return gas - (_host.AccessAccount(address) ? GasCost.ColdAccountAccess : GasCost.WarmStorageRead);
    }

    /// <summary>BLOCKHASH: only the 256 most recent complete blocks are visible.</summary>
    internal UInt256 BlockHash(in UInt256 number)
    {
        ulong current = _block.Number;
        if (!number.FitsInUlong || number.u0 >= current || current - number.u0 > 256) return UInt256.Zero;
        return _host.GetBlockHash(number.u0).ToWord();
    }

    internal unsafe void EmitLog(CallFrame f, EvmMemory memory, UInt256* top, int topicCount)
    {
        var topics = topicCount == 0 ? [] : new Hash256[topicCount];
        for (int i = 0; i < topicCount; i++) topics[i] = Hash256.FromWord(in top[-3 - i]);
        byte[] data = top[-2].IsZero ? [] : memory.Slice((long)top[-1].u0, (long)top[-2].u0).ToArray();
        _host.EmitLog(new LogEntry(f.Address, topics, data));
    }

    /// <summary>
    /// SELFDESTRUCT: gas (EIP-150 price, new-account charge, EIP-2929 cold beneficiary), the refund before
    /// London, and the balance move. From Cancun (EIP-6780) the account is only deleted if it was created in
    /// this transaction; otherwise only its balance moves.
    /// </summary>
    internal long SelfDestruct(CallFrame f, in UInt256 beneficiaryWord, long gas)
    {
        var beneficiary = Address.FromWord(in beneficiaryWord);
        if (_spec.IsBerlin && _host.AccessAccount(beneficiary))
        {
            gas -= GasCost.ColdAccountAccess;
            if (gas < 0) return OutOfGas;
        }
        UInt256 balance = _host.GetBalance(f.Address);
        if (_spec.IsEip150)
        {
            bool chargeNewAccount = _spec.IsEip158
                ? !balance.IsZero && _host.IsDead(beneficiary)
                : !_host.AccountExists(beneficiary);
            if (chargeNewAccount)
            {
                gas -= GasCost.NewAccount;
                if (gas < 0) return OutOfGas;
            }
        }
        // EIP-6780 (Cancun): only an account created in this transaction is deleted; otherwise only its balance moves.
        bool first = _host.SelfDestruct(f.Address, beneficiary, onlyIfCreated: _spec.IsCancun);
        if (!_spec.IsLondon && first) f.Refund += GasCost.SelfDestructRefund;
        return gas;
    }
}
