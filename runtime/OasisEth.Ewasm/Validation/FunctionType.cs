namespace OasisEth.Ewasm.Validation;

/// <summary>A function signature: parameter and result types, compared structurally.</summary>
public sealed class FunctionType : IEquatable<FunctionType>
{
    public FunctionType(WasmValueType[] parameters, WasmValueType[] results)
    {
        Parameters = parameters;
        Results = results;
    }

    public IReadOnlyList<WasmValueType> Parameters { get; }

    public IReadOnlyList<WasmValueType> Results { get; }

    public bool UsesFloats => Parameters.Any(IsFloat) || Results.Any(IsFloat);

    internal static bool IsFloat(WasmValueType type) => type is WasmValueType.F32 or WasmValueType.F64;

    public bool Equals(FunctionType? other) =>
        other is not null && Parameters.SequenceEqual(other.Parameters) && Results.SequenceEqual(other.Results);

    public override bool Equals(object? obj) => Equals(obj as FunctionType);

    public override int GetHashCode() => HashCode.Combine(Parameters.Count, Results.Count);

    /// <summary>As the text format writes it, e.g. <c>(param i64 i32) (result i32)</c>.</summary>
    public override string ToString()
    {
        static string Names(IReadOnlyList<WasmValueType> types) => string.Join(' ', types.Select(t => t.ToString().ToLowerInvariant()));
        string text = Parameters.Count == 0 ? "(param)" : $"(param {Names(Parameters)})";
        return Results.Count == 0 ? text : $"{text} (result {Names(Results)})";
    }
}
