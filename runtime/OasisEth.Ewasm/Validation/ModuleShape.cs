namespace OasisEth.Ewasm.Validation;

/// <summary>The declarations read so far while <see cref="ContractValidator"/> walks the sections in order, and
/// the per-section rules.</summary>
internal sealed class ModuleShape
{
    private readonly List<FunctionType> _types = [];
    private readonly List<int> _functionTypes = [];
    private readonly List<string> _imports = [];
    private int _importedFunctions;
    private bool _hasTable;
    private bool _hasMemory;
    private uint _memoryPages;
    private uint? _memoryMaximum;
    private int _codeBodies = -1;
    private uint _mainIndex = uint.MaxValue;
    private bool _memoryExported;

    public void ReadSection(byte id, ref WasmReader s)
    {
        switch (id)
        {
            case 1: Types(ref s); break;
            case 2: Imports(ref s); break;
            case 3: Functions(ref s); break;
            case 4: Tables(ref s); break;
            case 5: Memories(ref s); break;
            case 6: Globals(ref s); break;
            case 7: Exports(ref s); break;
            case 8: throw new InvalidModuleException("the module has a start function; contracts may not (the host needs the memory before any code runs)");
            case 9: Elements(ref s); break;
            case 10: Code(ref s); break;
            case 11: Data(ref s); break;
        }
    }

    public ContractModule Finish()
    {
        int defined = _functionTypes.Count - _importedFunctions;
        if (defined > 0 && _codeBodies != defined)
            throw new InvalidModuleException($"the module declares {defined} functions but has {Math.Max(_codeBodies, 0)} bodies");
        if (_mainIndex == uint.MaxValue) throw new InvalidModuleException("the module does not export \"main\"");
        if (!_memoryExported) throw new InvalidModuleException("the module does not export \"memory\"");
        if (_mainIndex >= (uint)_functionTypes.Count) throw new InvalidModuleException("\"main\" is not a function of the module");
        FunctionType main = _types[_functionTypes[(int)_mainIndex]];
        if (main.Parameters.Count != 0 || main.Results.Count != 0)
            throw new InvalidModuleException($"\"main\" has type {main}; it must take and return nothing");
        return new ContractModule(_imports.Distinct(StringComparer.Ordinal).ToArray(), _memoryPages, _memoryMaximum);
    }

    private static int Count(ref WasmReader s, int max, string what)
    {
        int n = s.ReadCount();
        if (n > max) throw new InvalidModuleException($"the module declares {n} {what}; at most {max} are allowed");
        return n;
    }

    private static WasmValueType ValueType(ref WasmReader s, string where)
    {
        byte b = s.ReadByte();
        var type = (WasmValueType)b;
        if (type is WasmValueType.I32 or WasmValueType.I64) return type;
        if (type is WasmValueType.F32 or WasmValueType.F64)
            throw new InvalidModuleException($"{where} uses floating point ({type.ToString().ToLowerInvariant()}); contracts may not");
        throw new InvalidModuleException($"{where} has value type 0x{b:x2}, which is not WebAssembly 1.0");
    }

    private void Types(ref WasmReader s)
    {
        int n = Count(ref s, ContractLimits.MaxTypes, "types");
        for (int i = 0; i < n; i++)
        {
            byte form = s.ReadByte();
            if (form != 0x60) throw new InvalidModuleException($"type {i} has form 0x{form:x2}, not a function type");
            WasmValueType[] parameters = ValueTypes(ref s, i);
            WasmValueType[] results = ValueTypes(ref s, i);
            if (results.Length > 1) throw new InvalidModuleException($"type {i} has {results.Length} results; WebAssembly 1.0 allows one");
            _types.Add(new FunctionType(parameters, results));
        }
    }

    private static WasmValueType[] ValueTypes(ref WasmReader s, int type)
    {
        int n = Count(ref s, ContractLimits.MaxParametersOrResults, $"values in type {type}");
        var values = new WasmValueType[n];
        for (int i = 0; i < n; i++) values[i] = ValueType(ref s, $"type {type}");
        return values;
    }

    private void Imports(ref WasmReader s)
    {
        int n = Count(ref s, ContractLimits.MaxImports, "imports");
        for (int i = 0; i < n; i++)
        {
            string module = s.ReadName();
            string name = s.ReadName();
            byte kind = s.ReadByte();
            if (module != EeiImports.Module)
                throw new InvalidModuleException($"the module imports \"{module}\".\"{name}\"; contracts may import only from \"{EeiImports.Module}\"");
            if (kind != 0)
                throw new InvalidModuleException($"the module imports \"{name}\" as a {KindName(kind)}; only host functions may be imported");
            int type = TypeIndex(ref s, $"import \"{name}\"");
            if (!EeiImports.Signatures.TryGetValue(name, out FunctionType? expected))
                throw new InvalidModuleException($"the module imports \"{EeiImports.Module}\".\"{name}\", which is not a host function");
            if (!_types[type].Equals(expected))
                throw new InvalidModuleException($"the module imports \"{name}\" with type {_types[type]}; it has type {expected}");
            _functionTypes.Add(type);
            _imports.Add(name);
            _importedFunctions++;
        }
    }

    private static string KindName(byte kind) => kind switch
    {
        1 => "table",
        2 => "memory",
        3 => "global",
        _ => $"kind 0x{kind:x2}",
    };

    private int TypeIndex(ref WasmReader s, string where)
    {
        uint index = s.ReadU32();
        if (index >= (uint)_types.Count) throw new InvalidModuleException($"{where} names type {index}, which does not exist");
        return (int)index;
    }

    private void Functions(ref WasmReader s)
    {
        int n = Count(ref s, ContractLimits.MaxFunctions - _importedFunctions, "functions");
        for (int i = 0; i < n; i++) _functionTypes.Add(TypeIndex(ref s, $"function {_importedFunctions + i}"));
    }

    private void Tables(ref WasmReader s)
    {
        int n = Count(ref s, 1, "tables");
        if (n == 0) return;
        byte element = s.ReadByte();
        if (element != 0x70) throw new InvalidModuleException($"the table holds type 0x{element:x2}; WebAssembly 1.0 tables hold functions");
        (uint min, _) = Limits(ref s, "table");
        if (min > ContractLimits.MaxTableElements)
            throw new InvalidModuleException($"the table starts with {min} elements; at most {ContractLimits.MaxTableElements} are allowed");
        _hasTable = true;
    }

    private void Memories(ref WasmReader s)
    {
        int n = Count(ref s, 1, "memories");
        if (n == 0) return;
        (uint min, uint? max) = Limits(ref s, "memory");
        if (min > 65_536 || max > 65_536) throw new InvalidModuleException("the memory is larger than 65,536 pages (4 GiB)");
        if (min > ContractLimits.MaxMemoryPages)
            throw new InvalidModuleException($"the memory starts with {min} pages; at most {ContractLimits.MaxMemoryPages} (64 KiB each) are allowed");
        _hasMemory = true;
        _memoryPages = min;
        _memoryMaximum = max;
    }

    private static (uint Min, uint? Max) Limits(ref WasmReader s, string what)
    {
        byte flag = s.ReadByte();
        uint min = s.ReadU32();
        switch (flag)
        {
            case 0:
                return (min, null);
            case 1:
                uint max = s.ReadU32();
                if (max < min) throw new InvalidModuleException($"the {what}'s maximum {max} is below its minimum {min}");
                return (min, max);
            default:
                throw new InvalidModuleException($"the {what} has limits flag 0x{flag:x2} (shared or 64-bit), which is not WebAssembly 1.0");
        }
    }

    private void Globals(ref WasmReader s)
    {
        int n = Count(ref s, ContractLimits.MaxGlobals, "globals");
        for (int i = 0; i < n; i++)
        {
            ValueType(ref s, $"global {i}");
            byte mutability = s.ReadByte();
            if (mutability > 1) throw new InvalidModuleException($"global {i} has mutability 0x{mutability:x2}");
            ConstantExpression(ref s, $"global {i}");
        }
    }

    /// <summary>An initialiser: one constant or global.get, then end.</summary>
    private static void ConstantExpression(ref WasmReader s, string where)
    {
        byte op = s.ReadByte();
        switch (op)
        {
            case 0x41: s.SkipSigned(32); break;
            case 0x42: s.SkipSigned(64); break;
            case 0x23:
                // WebAssembly 1.0 lets an initialiser read only imported globals, and a contract imports none.
                throw new InvalidModuleException($"{where} reads a global in its initialiser; contracts import no globals");
            case 0x43 or 0x44: throw new InvalidModuleException($"{where} uses floating point; contracts may not");
            default: throw new InvalidModuleException($"{where} has an initialiser that is not a constant (opcode 0x{op:x2})");
        }
        if (s.ReadByte() != 0x0B) throw new InvalidModuleException($"{where} has an initialiser longer than one instruction");
    }

    private void Exports(ref WasmReader s)
    {
        int n = Count(ref s, 2, "exports (a contract exports exactly \"main\" and \"memory\")");
        for (int i = 0; i < n; i++)
        {
            string name = s.ReadName();
            byte kind = s.ReadByte();
            uint index = s.ReadU32();
            if (name == "main" && kind == 0 && _mainIndex == uint.MaxValue) _mainIndex = index;
            else if (name == "memory" && kind == 2 && !_memoryExported)
            {
                if (!_hasMemory || index != 0) throw new InvalidModuleException("\"memory\" is exported but the module has no memory");
                _memoryExported = true;
            }
            else if (name is "main" or "memory")
                throw new InvalidModuleException($"\"{name}\" is exported twice or as the wrong kind ({ExportKindName(kind)})");
            else throw new InvalidModuleException($"the module exports \"{name}\"; a contract exports only \"main\" and \"memory\"");
        }
    }

    private static string ExportKindName(byte kind) => kind == 0 ? "function" : KindName(kind);

    private void Elements(ref WasmReader s)
    {
        int n = Count(ref s, ContractLimits.MaxSegments, "element segments");
        for (int i = 0; i < n; i++)
        {
            uint table = s.ReadU32();
            if (table != 0 || !_hasTable) throw new InvalidModuleException($"element segment {i} names a table the module does not have (or uses a newer segment form)");
            ConstantExpression(ref s, $"element segment {i}");
            int count = s.ReadCount();
            for (int j = 0; j < count; j++)
                if (s.ReadU32() >= (uint)_functionTypes.Count) throw new InvalidModuleException($"element segment {i} names a function that does not exist");
        }
    }

    private void Code(ref WasmReader s)
    {
        int defined = _functionTypes.Count - _importedFunctions;
        int n = s.ReadCount();
        if (n != defined) throw new InvalidModuleException($"the module declares {defined} functions but has {n} bodies");
        for (int i = 0; i < n; i++)
        {
            int function = _importedFunctions + i;
            var body = new WasmReader(s.ReadBytes(s.ReadCount()));
            ulong locals = (ulong)_types[_functionTypes[function]].Parameters.Count;
            int groups = body.ReadCount();
            for (int g = 0; g < groups; g++)
            {
                locals += body.ReadU32();
                if (locals > ContractLimits.MaxLocals)
                    throw new InvalidModuleException($"function {function} has more than {ContractLimits.MaxLocals} locals");
                ValueType(ref body, $"a local of function {function}");
            }
            InstructionScanner.Scan(ref body, function);
        }
        _codeBodies = n;
    }

    private void Data(ref WasmReader s)
    {
        int n = Count(ref s, ContractLimits.MaxSegments, "data segments");
        for (int i = 0; i < n; i++)
        {
            uint memory = s.ReadU32();
            if (memory != 0 || !_hasMemory) throw new InvalidModuleException($"data segment {i} names a memory the module does not have (or uses a newer segment form)");
            ConstantExpression(ref s, $"data segment {i}");
            s.ReadBytes(s.ReadCount());
        }
    }
}
