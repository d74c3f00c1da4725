using System.Reflection;
using System.Reflection.Emit;
using OasisEth.Primitives;

namespace OasisEth.Evm.Compiler.Emit;

/// <summary>
/// The stack of the segment being emitted, as the compiler sees it: each item is a word still lying on the frame's
/// stack (a slot relative to the <c>top</c> local), a constant known at compile time, or an IL local of
/// <see cref="UInt256"/>. PUSH, DUP, SWAP and POP only rearrange this list (no code), arithmetic reads its operands
/// where they are and writes a fresh local, and the frame's stack is brought up to date (<see cref="Flush"/>) only
/// where something else reads it: a helper call, a hand-over to the interpreter, the segment's end. Between flushes the
/// frame's stack is not written, so a slot item always still holds its value.
/// </summary>
internal sealed class VirtualStack
{
    private static readonly ConstructorInfo WordConstructor =
        typeof(UInt256).GetConstructor([typeof(ulong), typeof(ulong), typeof(ulong), typeof(ulong)])!;

    private readonly ILGenerator _il;
    private readonly LocalBuilder _top;
    private readonly List<Item> _items = [];
    /// <summary>Items below the <c>top</c> local: item i lies at slot <c>i - _base</c> when flushed.</summary>
    private int _base;

    private readonly List<LocalBuilder> _locals = [];
    private readonly List<int> _uses = [];
    private readonly Stack<int> _free = new();

    public VirtualStack(ILGenerator il, LocalBuilder top)
    {
        _il = il;
        _top = top;
    }

    public int Count => _items.Count;

    /// <summary>UInt256 locals the method declared (each reused across segments).</summary>
    public int LocalsDeclared => _locals.Count;

    /// <summary>A segment starts: the frame's stack is up to date and the segment reads at most <paramref name="depth"/>
    /// items below the top (its checked minimum height).</summary>
    public void Begin(int depth)
    {
        _items.Clear();
        for (int p = -depth; p < 0; p++) _items.Add(Item.Slot(p));
        _base = depth;
        _free.Clear();
        for (int i = _locals.Count - 1; i >= 0; i--) { _uses[i] = 0; _free.Push(i); }
    }

    public void PushConstant(in UInt256 value) => _items.Add(Item.Const(value));

    public void PushLocal(int local) => _items.Add(Item.Local(local));

    /// <summary>Puts back an item just popped (its uses unchanged).</summary>
    public void Push(Item item) => _items.Add(item);

    /// <summary>Removes the top item; the caller reads it (<see cref="LoadAddress"/>) and then <see cref="Release"/>s it.</summary>
    public Item Pop()
    {
        Item item = _items[^1];
        _items.RemoveAt(_items.Count - 1);
        return item;
    }

    public Item Peek(int fromTop) => _items[^fromTop];

    public void Dup(int n)
    {
        Item item = _items[^n];
        if (item.Kind == ItemKind.Local) _uses[item.Index]++;
        _items.Add(item);
    }

    public void Swap(int n) => (_items[^1], _items[^(n + 1)]) = (_items[^(n + 1)], _items[^1]);

    public void Drop() => Release(Pop());

    public void Release(Item item)
    {
        if (item.Kind == ItemKind.Local && --_uses[item.Index] == 0) _free.Push(item.Index);
    }

    /// <summary>A local for a new item, used once.</summary>
    public int Acquire()
    {
        if (!_free.TryPop(out int index))
        {
            index = _locals.Count;
            _locals.Add(_il.DeclareLocal(typeof(UInt256)));
            _uses.Add(0);
        }
        _uses[index] = 1;
        return index;
    }

    /// <summary>Stores <paramref name="value"/> to every UInt256 local declared so far (the emitter's poisoning, for tests).</summary>
    public void FillLocals(in UInt256 value)
    {
        for (int i = 0; i < _locals.Count; i++) StoreConstant(i, value);
    }

    public void LoadLocalAddress(int local) => _il.Emit(OpCodes.Ldloca, _locals[local]);

    /// <summary>The address of the item's word on the IL stack (a constant is stored to a local first: the caller
    /// releases the item afterwards, which frees that local too).</summary>
    public void LoadAddress(ref Item item)
    {
        switch (item.Kind)
        {
            case ItemKind.Local:
                _il.Emit(OpCodes.Ldloca, _locals[item.Index]);
                return;
            case ItemKind.Slot:
                LoadSlotAddress(item.Index);
                return;
            default:
                int local = Acquire();
                StoreConstant(local, item.Constant);
                item = Item.Local(local);
                _il.Emit(OpCodes.Ldloca, _locals[local]);
                return;
        }
    }

    /// <summary>Makes the item a local of its own unless it is one (a slot the next flush may overwrite).</summary>
    public void Detach(ref Item item)
    {
        if (item.Kind != ItemKind.Slot) return;
        int local = Acquire();
        _il.Emit(OpCodes.Ldloca, _locals[local]);
        LoadSlotAddress(item.Index);
        _il.Emit(OpCodes.Cpobj, typeof(UInt256));
        item = Item.Local(local);
    }

    /// <summary>
    /// Writes every item not already in its slot to the frame's stack and moves <c>top</c> to the real top: afterwards
    /// every item is a slot in place. Slots read from elsewhere (a DUP or SWAP of a word still on the stack) are copied
    /// to locals first, since writing the others may overwrite them.
    /// </summary>
    public void Flush()
    {
        for (int i = 0; i < _items.Count; i++)
        {
            Item item = _items[i];
            if (item.Kind == ItemKind.Slot && item.Index != i - _base)
            {
                Detach(ref item);
                _items[i] = item;
            }
        }
        for (int i = 0; i < _items.Count; i++)
        {
            Item item = _items[i];
            if (item.Kind == ItemKind.Slot) continue;
            LoadSlotAddress(i - _base);
            if (item.Kind == ItemKind.Local)
            {
                _il.Emit(OpCodes.Ldloc, _locals[item.Index]);
                Release(item);
            }
            else
            {
                EmitConstant(item.Constant);
            }
            _il.Emit(OpCodes.Stobj, typeof(UInt256));
        }
        int height = _items.Count - _base;
        if (height != 0)
        {
            _il.Emit(OpCodes.Ldloc, _top);
            _il.Emit(OpCodes.Ldc_I4, height * 32);
            _il.Emit(OpCodes.Conv_I);
            _il.Emit(OpCodes.Add);
            _il.Emit(OpCodes.Stloc, _top);
        }
        Rebase(_items.Count);
    }

    /// <summary>
    /// Writes the frame's stack up to date as <see cref="Flush"/> does, for a path that leaves the method right after (a
    /// cold hand-over to the interpreter), and leaves the compiler's view as it was for the path that goes on.
    /// </summary>
    public void Spill()
    {
        var items = _items.ToArray();
        int itemsBase = _base;
        var uses = _uses.ToArray();
        var free = _free.ToArray();
        Flush();
        _items.Clear();
        _items.AddRange(items);
        _base = itemsBase;
        for (int i = 0; i < uses.Length; i++) _uses[i] = uses[i];
        // Locals declared by the spill stay free for later items.
        for (int i = uses.Length; i < _uses.Count; i++) _uses[i] = 0;
        _free.Clear();
        for (int i = _uses.Count - 1; i >= uses.Length; i--) _free.Push(i);
        for (int i = free.Length - 1; i >= 0; i--) _free.Push(free[i]);
    }

    /// <summary>After a flush, a helper moved <c>top</c> by <paramref name="delta"/> items over the frame's stack.</summary>
    public void Moved(int delta) => Rebase(_items.Count + delta);

    private void Rebase(int count)
    {
        _items.Clear();
        for (int p = -count; p < 0; p++) _items.Add(Item.Slot(p));
        _base = count;
    }

    private void LoadSlotAddress(int slot)
    {
        _il.Emit(OpCodes.Ldloc, _top);
        if (slot == 0) return;
        _il.Emit(OpCodes.Ldc_I4, slot * 32);
        _il.Emit(OpCodes.Conv_I);
        _il.Emit(OpCodes.Add);
    }

    private void StoreConstant(int local, in UInt256 value)
    {
        _il.Emit(OpCodes.Ldloca, _locals[local]);
        EmitConstant(value);
        _il.Emit(OpCodes.Stobj, typeof(UInt256));
    }

    private void EmitConstant(in UInt256 value)
    {
        _il.Emit(OpCodes.Ldc_I8, (long)value.u0);
        _il.Emit(OpCodes.Ldc_I8, (long)value.u1);
        _il.Emit(OpCodes.Ldc_I8, (long)value.u2);
        _il.Emit(OpCodes.Ldc_I8, (long)value.u3);
        _il.Emit(OpCodes.Newobj, WordConstructor);
    }

    internal enum ItemKind : byte { Slot, Constant, Local }

    /// <summary>One stack item: <see cref="Index"/> is the slot (negative, below <c>top</c>) or the local's number.</summary>
    internal readonly struct Item
    {
        public readonly ItemKind Kind;
        public readonly int Index;
        public readonly UInt256 Constant;

        private Item(ItemKind kind, int index, UInt256 constant)
        {
            Kind = kind;
            Index = index;
            Constant = constant;
        }

        public static Item Slot(int slot) => new(ItemKind.Slot, slot, default);
        public static Item Const(in UInt256 value) => new(ItemKind.Constant, 0, value);
        public static Item Local(int local) => new(ItemKind.Local, local, default);

        public bool IsConstant => Kind == ItemKind.Constant;
    }
}
