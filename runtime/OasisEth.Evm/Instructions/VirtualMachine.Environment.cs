using OasisEth.Evm.Gas;
using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Evm;

public sealed partial class VirtualMachine
{
    /// <summary>EIP-2929: the dynamic part of account-reading opcodes, 2600 for a cold account, 100 for a warm one.</summary>
    private long ChargeAccountAccess(in Address address, long gas)
    {
        if (!_spec.IsBerlin) return gas;
        return gas - (_state.WarmUpAccount(address) ? GasCost.ColdAccountAccess : GasCost.WarmStorageRead);
    }

    /// <summary>BLOCKHASH: only the 256 most recent complete blocks are visible.</summary>
    private UInt256 BlockHash(in UInt256 number)
    {
        ulong current = _block.Number;
        if (!number.FitsInUlong || number.u0 >= current || current - number.u0 > 256) return UInt256.Zero;
        return _block.BlockHash(number.u0).ToWord();
    }

    private unsafe void EmitLog(EvmFrame f, UInt256* top, int topicCount)
    {
        var topics = topicCount == 0 ? [] : new Hash256[topicCount];
        for (int i = 0; i < topicCount; i++) topics[i] = Hash256.FromWord(in top[-3 - i]);
        byte[] data = top[-2].IsZero ? [] : f.Memory.Slice((long)top[-1].u0, (long)top[-2].u0).ToArray();
        _state.AddLog(new LogEntry(f.Address, topics, data));
    }

    /// <summary>
    /// SELFDESTRUCT: gas (EIP-150 price, new-account charge, EIP-2929 cold beneficiary), the refund before
    /// London, and the balance move. From Cancun (EIP-6780) the account is only deleted if it was created in
    /// this transaction; otherwise only its balance moves.
    /// </summary>
    private long SelfDestruct(EvmFrame f, in UInt256 beneficiaryWord, long gas)
    {
        var beneficiary = Address.FromWord(in beneficiaryWord);
        if (_spec.IsBerlin && _state.WarmUpAccount(beneficiary))
        {
            gas -= GasCost.ColdAccountAccess;
            if (gas < 0) return OutOfGas;
        }
        UInt256 balance = _state.GetBalance(f.Address);
        if (_spec.IsEip150)
        {
            bool chargeNewAccount = _spec.IsEip158
                ? !balance.IsZero && _state.IsDead(beneficiary)
                : !_state.Exists(beneficiary);
            if (chargeNewAccount)
            {
                gas -= GasCost.NewAccount;
                if (gas < 0) return OutOfGas;
            }
        }
        if (!_spec.IsLondon && !_state.IsSelfDestructed(f.Address)) f.Refund += GasCost.SelfDestructRefund;

        if (_spec.IsCancun)
        {
            _state.SubtractBalance(f.Address, balance);
            _state.AddBalance(beneficiary, balance);
            if (_state.IsCreatedInTransaction(f.Address))
            {
                // Deleted at the end of the transaction; a balance sent to itself is burned with it.
                _state.SubtractBalance(f.Address, _state.GetBalance(f.Address));
                _state.MarkSelfDestructed(f.Address);
            }
        }
        else
        {
            _state.AddBalance(beneficiary, balance);
            _state.SubtractBalance(f.Address, _state.GetBalance(f.Address));
            _state.MarkSelfDestructed(f.Address);
        }
        return gas;
    }
}
