using OasisEth.Primitives;

namespace OasisEth.Tests.Shared;

/// <summary>
/// Random EVM programs for the differential test: mostly well-formed pieces (pushes of boundary values, arithmetic,
/// stack shuffles, memory and storage at small and huge offsets, transient storage, logs, forward and backward jumps
/// to real JUMPDESTs, computed jumps, calls to itself, to a second contract and to precompiles, creations, returns
/// and reverts), mixed with random bytes (undefined opcodes, truncated pushes, bad jumps, stack underflow).
/// Deterministic per seed.
/// </summary>
internal sealed class RandomProgram
{
    private readonly Random _random;
    private readonly List<byte> _code = [];
    private readonly List<int> _labels = [];
    private readonly List<(int At, int Label)> _patches = [];

    private static readonly UInt256[] Boundaries =
    [
        UInt256.Zero, UInt256.One, new(2), new(31), new(32), new(255), new(256), new(0x40), new(1UL << 32),
        new(ulong.MaxValue), new(0, 1), new(0, 0, 1), new(0, 0, 0, 1), UInt256.MaxValue,
        new(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, 0x7fffffffffffffff), new(0, 0, 0, 0x8000000000000000),
    ];

    private static readonly Address[] CallTargets =
    [
        EvmTestHost.Contract, EvmTestHost.A, EvmTestHost.B,
        Address.Parse("0x0000000000000000000000000000000000000001"), // ecrecover
        Address.Parse("0x0000000000000000000000000000000000000002"), // sha256
        Address.Parse("0x0000000000000000000000000000000000000004"), // identity
        Address.Parse("0x0000000000000000000000000000000000000005"), // modexp
    ];

    private RandomProgram(int seed) => _random = new Random(seed);

    /// <summary>A program of about <paramref name="pieces"/> pieces.</summary>
    public static byte[] Generate(int seed, int pieces)
    {
        var program = new RandomProgram(seed);
        // A stack to work on, so most programs get past their first instructions.
        for (int i = program._random.Next(4, 12); i > 0; i--) program.PushValue();
        for (int i = 0; i < pieces; i++) program.Piece();
        program.Finish();
        return [.. program._code];
    }

    private void Piece()
    {
        int pick = _random.Next(100);
        switch (pick)
        {
            case < 18: PushValue(); break;
            case < 30: Op(RandomOf(Arithmetic)); break;
            case < 36: Op((Opcode)((int)Opcode.DUP1 + Skewed(16))); break;
            case < 41: Op((Opcode)((int)Opcode.SWAP1 + Skewed(16))); break;
            case < 43: Op(Opcode.POP); break;
            case < 48: Memory(); break;
            case < 53: Storage(); break;
            case < 58: Label(); break;
            case < 64: Jump(); break;
            case < 67: Context(); break;
            case < 71: Call(); break;
            case < 72: Create(); break;
            case < 74: Log(); break;
            case < 76: Copies(); break;
            case < 77: Halt(); break;
            case < 80: Loop(); break;
            case < 88: PushSmall(_random.Next(64)); break;
            case < 94: Observe(); break;
            case < 99: Shuffle(); break;
            default: Raw(); break;
        }
    }

    private static readonly Opcode[] Arithmetic =
    [
        Opcode.ADD, Opcode.MUL, Opcode.SUB, Opcode.DIV, Opcode.SDIV, Opcode.MOD, Opcode.SMOD, Opcode.ADDMOD, Opcode.MULMOD,
        Opcode.EXP, Opcode.SIGNEXTEND, Opcode.LT, Opcode.GT, Opcode.SLT, Opcode.SGT, Opcode.EQ, Opcode.ISZERO, Opcode.AND,
        Opcode.OR, Opcode.XOR, Opcode.NOT, Opcode.BYTE, Opcode.SHL, Opcode.SHR, Opcode.SAR, Opcode.KECCAK256,
    ];

    private static readonly Opcode[] ContextOps =
    [
        Opcode.ADDRESS, Opcode.BALANCE, Opcode.ORIGIN, Opcode.CALLER, Opcode.CALLVALUE, Opcode.CALLDATALOAD, Opcode.CALLDATASIZE,
        Opcode.CODESIZE, Opcode.GASPRICE, Opcode.EXTCODESIZE, Opcode.RETURNDATASIZE, Opcode.EXTCODEHASH, Opcode.BLOCKHASH,
        Opcode.COINBASE, Opcode.TIMESTAMP, Opcode.NUMBER, Opcode.PREVRANDAO, Opcode.GASLIMIT, Opcode.CHAINID, Opcode.SELFBALANCE,
        Opcode.BASEFEE, Opcode.BLOBHASH, Opcode.BLOBBASEFEE, Opcode.PC, Opcode.MSIZE, Opcode.GAS, Opcode.PUSH0,
    ];

    private void Memory()
    {
        PushSmall(_random.Next(4) == 0 ? _random.Next(1 << 16) : _random.Next(256));
        if (_random.Next(20) == 0) { Op(Opcode.POP); PushValue(); } // sometimes a huge offset
        switch (_random.Next(4))
        {
            case 0: Op(Opcode.MLOAD); break;
            case 1: Swap1Push(); Op(Opcode.MSTORE); break;
            case 2: Swap1Push(); Op(Opcode.MSTORE8); break;
            default: PushSmall(_random.Next(128)); Op(Opcode.SWAP1); PushSmall(_random.Next(128)); Op(Opcode.MCOPY); break;
        }
    }

    private void Swap1Push()
    {
        PushValue();
        Op(Opcode.SWAP1);
    }

    private void Storage()
    {
        PushSmall(_random.Next(6));
        switch (_random.Next(4))
        {
            case 0: Op(Opcode.SLOAD); break;
            case 1: Swap1Push(); Op(Opcode.SSTORE); break;
            case 2: Op(Opcode.TLOAD); break;
            default: Swap1Push(); Op(Opcode.TSTORE); break;
        }
    }

    private void Label()
    {
        _labels.Add(_code.Count);
        Op(Opcode.JUMPDEST);
    }

    /// <summary>A jump to a label (patched at the end), sometimes conditional, sometimes computed, sometimes bad.</summary>
    private void Jump()
    {
        int kind = _random.Next(10);
        if (kind < 6)
        {
            if (kind < 3) PushSmall(_random.Next(3)); // the condition
            PushLabel();
            Op(kind < 3 ? Opcode.JUMPI : Opcode.JUMP);
        }
        else if (kind < 9)
        {
            // A computed destination: label - k + k, so the compiler cannot see it.
            int k = _random.Next(1, 5);
            PushSmall(k);
            PushLabel();
            PushSmall(k);
            Op(Opcode.SWAP1); Op(Opcode.SUB); Op(Opcode.ADD);
            if (kind == 8) { PushSmall(1); Op(Opcode.SWAP1); Op(Opcode.JUMPI); }
            else Op(Opcode.JUMP);
        }
        else
        {
            PushSmall(_random.Next(400)); // anywhere: usually a bad destination
            Op(_random.Next(2) == 0 ? Opcode.JUMP : Opcode.JUMPI);
        }
    }

    /// <summary>A counted loop: a slot of memory counts down, so it ends before the gas does (usually).</summary>
    private void Loop()
    {
        int counterAt = 0x200 + 32 * _random.Next(4);
        PushSmall(_random.Next(1, 12)); PushSmall(counterAt); Op(Opcode.MSTORE);
        int top = _code.Count;
        Op(Opcode.JUMPDEST);
        PushSmall(_random.Next(100)); PushSmall(_random.Next(100)); Op(RandomOf(Arithmetic)); Op(Opcode.POP);
        PushSmall(1); PushSmall(counterAt); Op(Opcode.MLOAD); Op(Opcode.SUB);
        Op(Opcode.DUP1); PushSmall(counterAt); Op(Opcode.MSTORE);
        PushSmall(top); Op(Opcode.JUMPI);
    }

    private void Context()
    {
        Opcode op = RandomOf(ContextOps);
        if (op is Opcode.BALANCE or Opcode.EXTCODESIZE or Opcode.EXTCODEHASH) PushAddress();
        else if (op is Opcode.CALLDATALOAD or Opcode.BLOCKHASH or Opcode.BLOBHASH) PushSmall(_random.Next(40));
        Op(op);
    }

    private void Call()
    {
        Opcode op = _random.Next(4) switch { 0 => Opcode.CALL, 1 => Opcode.STATICCALL, 2 => Opcode.DELEGATECALL, _ => Opcode.CALLCODE };
        PushSmall(_random.Next(64)); // out size
        PushSmall(_random.Next(128)); // out offset
        PushSmall(_random.Next(96)); // in size
        PushSmall(_random.Next(64)); // in offset
        if (op is Opcode.CALL or Opcode.CALLCODE) PushSmall(_random.Next(4) == 0 ? _random.Next(3) : 0);
        PushAddress();
        if (_random.Next(3) == 0) Op(Opcode.GAS); else PushSmall(_random.Next(200_000));
        Op(op);
        if (_random.Next(2) == 0) { PushSmall(0); PushSmall(0); PushSmall(_random.Next(40)); Op(Opcode.RETURNDATACOPY); }
    }

    private void Create()
    {
        // Init code returning a byte of code: PUSH1 x PUSH1 0 MSTORE8 PUSH1 1 PUSH1 0 RETURN, stored in memory first.
        byte[] init = [0x60, (byte)_random.Next(256), 0x60, 0x00, 0x53, 0x60, 0x01, 0x60, 0x00, 0xf3];
        var word = new byte[32];
        init.CopyTo(word, 0);
        PushBytes(word); PushSmall(0x100); Op(Opcode.MSTORE);
        bool create2 = _random.Next(2) == 0;
        if (create2) PushSmall(_random.Next(3));
        PushSmall(init.Length); PushSmall(0x100); PushSmall(_random.Next(3) == 0 ? 1 : 0);
        Op(create2 ? Opcode.CREATE2 : Opcode.CREATE);
    }

    private void Log()
    {
        int topics = _random.Next(5);
        for (int i = 0; i < topics; i++) PushValue();
        PushSmall(_random.Next(64)); PushSmall(_random.Next(64));
        Op((Opcode)((int)Opcode.LOG0 + topics));
    }

    private void Copies()
    {
        Opcode op = _random.Next(3) switch { 0 => Opcode.CALLDATACOPY, 1 => Opcode.CODECOPY, _ => Opcode.RETURNDATACOPY };
        PushSmall(_random.Next(48)); PushSmall(_random.Next(48)); PushSmall(_random.Next(160));
        Op(op);
    }

    private void Halt()
    {
        PushSmall(_random.Next(48)); PushSmall(_random.Next(64));
        Op(_random.Next(40) switch { < 18 => Opcode.RETURN, < 34 => Opcode.REVERT, < 37 => Opcode.STOP, 37 => Opcode.INVALID, _ => Opcode.SELFDESTRUCT });
    }

    private void Raw()
    {
        int n = _random.Next(1, 4);
        for (int i = 0; i < n; i++) _code.Add((byte)_random.Next(256));
    }

    private void PushValue()
    {
        if (_random.Next(2) == 0) { Push(RandomOf(Boundaries)); return; }
        var bytes = new byte[_random.Next(1, 33)];
        _random.NextBytes(bytes);
        PushBytes(bytes);
    }

    private void PushAddress() => PushBytes(RandomOf(CallTargets).ToArray());

    private void PushLabel()
    {
        _code.Add((byte)Opcode.PUSH2);
        _patches.Add((_code.Count, _random.Next(1 << 20)));
        _code.Add(0); _code.Add(0);
    }

    /// <summary>Makes the top of the stack visible in the outcome: stored in a storage slot or in memory that a RETURN
    /// may hand back, so a wrong value anywhere changes the state root or the output.</summary>
    /// <summary>A run of stack-only instructions (shuffles reaching deep, pushes, arithmetic) with the odd memory
    /// access, as compiled code keeps them in locals and writes the frame's stack only at the run's end.</summary>
    private void Shuffle()
    {
        for (int i = _random.Next(3, 14); i > 0; i--)
        {
            switch (_random.Next(8))
            {
                case 0: Op((Opcode)((int)Opcode.DUP1 + _random.Next(16))); break;
                case 1: Op((Opcode)((int)Opcode.SWAP1 + _random.Next(16))); break;
                case 2: Op(Opcode.POP); break;
                case 3: PushValue(); break;
                case 4: PushSmall(_random.Next(300)); Op(Opcode.MLOAD); break;
                case 5: PushSmall(_random.Next(300)); Op(Opcode.MSTORE); break;
                default: Op(RandomOf(Arithmetic)); break;
            }
        }
    }

    private void Observe()
    {
        Op(_random.Next(4) == 0 ? Opcode.GAS : Opcode.DUP1); // the gas left is part of what must agree
        PushSmall(_random.Next(2) == 0 ? 0x10 + _random.Next(8) : 32 * _random.Next(3));
        Op(_code.Count % 2 == 0 ? Opcode.SSTORE : Opcode.MSTORE);
    }

    private void Finish()
    {
        // The tail: what is left on the stack goes to storage, then memory is returned.
        for (int i = 0; i < 3; i++) { PushSmall(0x20 + i); Op(Opcode.SSTORE); }
        PushSmall(96); PushSmall(0); Op(Opcode.RETURN);
        if (_random.Next(3) == 0) Raw();
        foreach (var (at, label) in _patches)
        {
            int dest = _labels.Count == 0 || _random.Next(25) == 0 ? _random.Next(_code.Count + 4) : _labels[label % _labels.Count];
            _code[at] = (byte)(dest >> 8);
            _code[at + 1] = (byte)dest;
        }
    }

    private void Push(UInt256 value)
    {
        byte[] bytes = value.ToBigEndian();
        int skip = 0;
        while (skip < 31 && bytes[skip] == 0) skip++;
        PushBytes(bytes[skip..]);
    }

    private void PushSmall(int value) => Push(new UInt256((ulong)value));

    private void PushBytes(byte[] bytes)
    {
        _code.Add((byte)((int)Opcode.PUSH1 + bytes.Length - 1));
        _code.AddRange(bytes);
    }

    private void Op(Opcode op) => _code.Add((byte)op);

    private T RandomOf<T>(T[] items) => items[_random.Next(items.Length)];

    /// <summary>0..n-1, small values likelier (shallow DUP/SWAP are the common ones; deep ones often underflow).</summary>
    private int Skewed(int n) => Math.Min(_random.Next(n), _random.Next(n));
}
