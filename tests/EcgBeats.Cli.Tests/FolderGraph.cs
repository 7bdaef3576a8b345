using System.Collections.Immutable;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace EcgBeats.Cli.Tests;

/// <summary>
/// Which folders (namespaces <c>EcgBeats.X</c>, sub-namespaces folded into X) of an assembly use which, read from the
/// compiled assembly: every type a type's signatures, base types, fields and method bodies (IL operands) name. Doc
/// comments and unused <c>using</c>s do not count, and a method named like a type is not mistaken for it.
/// </summary>
internal static class FolderGraph
{
    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes).GetFields()
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value, o => o.OperandType);

    /// <summary>Folder -> the other folders it uses, with one example use each ("Type -> Type").</summary>
    public static Dictionary<string, Dictionary<string, string>> Of(string assemblyPath, string rootNamespace)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var md = pe.GetMetadataReader();
        var graph = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        var provider = new Collector(md);
        foreach (var handle in md.TypeDefinitions)
        {
            string? from = Folder(md, handle, rootNamespace);
            if (from is null) continue;
            var type = md.GetTypeDefinition(handle);
            var used = new HashSet<TypeDefinitionHandle>();
            provider.Into = used;
            AddEntity(md, type.BaseType, used, provider);
            foreach (var i in type.GetInterfaceImplementations()) AddEntity(md, md.GetInterfaceImplementation(i).Interface, used, provider);
            foreach (var f in type.GetFields()) md.GetFieldDefinition(f).DecodeSignature(provider, null);
            foreach (var m in type.GetMethods())
            {
                var method = md.GetMethodDefinition(m);
                method.DecodeSignature(provider, null);
                if (method.RelativeVirtualAddress != 0) AddBody(md, pe.GetMethodBody(method.RelativeVirtualAddress), used, provider);
            }
            foreach (var target in used)
            {
                string? to = Folder(md, target, rootNamespace);
                if (to is null || to == from) continue;
                if (!graph.TryGetValue(from, out var edges)) graph[from] = edges = new(StringComparer.Ordinal);
                edges.TryAdd(to, $"{Name(md, handle)} -> {Name(md, target)}");
            }
        }
        return graph;
    }

    /// <summary>The folders in a cycle (each with the path back to itself), or none.</summary>
    public static IReadOnlyList<string> Cycles(Dictionary<string, Dictionary<string, string>> graph)
    {
        var cycles = new List<string>();
        foreach (var start in graph.Keys)
        {
            // Breadth-first from start's neighbours back to start: the shortest cycle through it.
            var previous = new Dictionary<string, string>();
            var queue = new Queue<string>(graph[start].Keys.Select(k => { previous[k] = start; return k; }));
            while (queue.Count > 0)
            {
                string at = queue.Dequeue();
                if (at == start)
                {
                    var path = new List<string> { start };
                    for (string p = previous[start]; p != start; p = previous[p]) path.Add(p);
                    path.Add(start);
                    path.Reverse();
                    cycles.Add(string.Join(" -> ", path.Zip(path.Skip(1), (a, b) => $"{a} ({graph[a][b]})")) + $" -> {start}");
                    break;
                }
                foreach (var next in graph.GetValueOrDefault(at)?.Keys ?? Enumerable.Empty<string>())
                    if (previous.TryAdd(next, at)) queue.Enqueue(next);
            }
        }
        return cycles;
    }

    private static string? Folder(MetadataReader md, TypeDefinitionHandle handle, string root)
    {
        var type = md.GetTypeDefinition(handle);
        while (type.IsNested) type = md.GetTypeDefinition(type.GetDeclaringType());
        string ns = md.GetString(type.Namespace);
        if (ns == root) return "(root)";
        return ns.StartsWith(root + ".", StringComparison.Ordinal) ? ns[(root.Length + 1)..].Split('.')[0] : null;
    }

    private static string Name(MetadataReader md, TypeDefinitionHandle handle)
    {
        var type = md.GetTypeDefinition(handle);
        while (type.IsNested) type = md.GetTypeDefinition(type.GetDeclaringType());
        return md.GetString(type.Name);
    }

    private static void AddBody(MetadataReader md, MethodBodyBlock body, HashSet<TypeDefinitionHandle> used, Collector provider)
    {
        if (!body.LocalSignature.IsNil)
            md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(provider, null);
        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            short code = il.ReadByte();
            if (code == 0xFE) code = unchecked((short)(0xFE00 | il.ReadByte()));
            switch (Operands[code])
            {
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: il.ReadByte(); break;
                case OperandType.InlineVar: il.ReadInt16(); break;
                case OperandType.InlineI8 or OperandType.InlineR: il.ReadInt64(); break;
                case OperandType.InlineSwitch: int n = il.ReadInt32(); for (int i = 0; i < n; i++) il.ReadInt32(); break;
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    AddEntity(md, MetadataTokens.EntityHandle(il.ReadInt32()), used, provider); break;
                default: il.ReadInt32(); break;   // branch targets, int32, float32, strings, signatures
            }
        }
    }

    private static void AddEntity(MetadataReader md, EntityHandle handle, HashSet<TypeDefinitionHandle> used, Collector provider)
    {
        if (handle.IsNil) return;
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition: used.Add((TypeDefinitionHandle)handle); break;
            case HandleKind.TypeSpecification: md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(provider, null); break;
            case HandleKind.FieldDefinition: used.Add(md.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType()); break;
            case HandleKind.MethodDefinition: used.Add(md.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType()); break;
            case HandleKind.MemberReference:
                var member = md.GetMemberReference((MemberReferenceHandle)handle);
                AddEntity(md, member.Parent, used, provider);
                if (member.GetKind() == MemberReferenceKind.Method) member.DecodeMethodSignature(provider, null);
                else member.DecodeFieldSignature(provider, null);
                break;
            case HandleKind.MethodSpecification:
                var spec = md.GetMethodSpecification((MethodSpecificationHandle)handle);
                AddEntity(md, spec.Method, used, provider);
                spec.DecodeSignature(provider, null);
                break;
        }
    }

    /// <summary>Collects the assembly's own types named in a signature.</summary>
    private sealed class Collector(MetadataReader md) : ISignatureTypeProvider<int, object?>
    {
        public HashSet<TypeDefinitionHandle> Into { get; set; } = [];
        public int GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) { Into.Add(handle); return 0; }
        public int GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => 0;
        public int GetTypeFromSpecification(MetadataReader reader, object? context, TypeSpecificationHandle handle, byte rawTypeKind) =>
            md.GetTypeSpecification(handle).DecodeSignature(this, context);
        public int GetSZArrayType(int elementType) => 0;
        public int GetArrayType(int elementType, ArrayShape shape) => 0;
        public int GetByReferenceType(int elementType) => 0;
        public int GetPointerType(int elementType) => 0;
        public int GetGenericInstantiation(int genericType, ImmutableArray<int> typeArguments) => 0;
        public int GetGenericTypeParameter(object? context, int index) => 0;
        public int GetGenericMethodParameter(object? context, int index) => 0;
        public int GetFunctionPointerType(MethodSignature<int> signature) => 0;
        public int GetModifiedType(int modifier, int unmodifiedType, bool isRequired) => 0;
        public int GetPinnedType(int elementType) => 0;
        public int GetPrimitiveType(PrimitiveTypeCode typeCode) => 0;
    }
}
