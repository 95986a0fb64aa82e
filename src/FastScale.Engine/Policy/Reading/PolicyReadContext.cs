using YamlDotNet.Core;

namespace FastScale.Engine.Policy.Reading;

/// <summary>Collects every problem found while reading one policy file.</summary>
internal sealed class PolicyReadContext(string fileName)
{
    public const string FileField = "(file)";
    public const string SyntaxField = "(syntax)";
    public const string DocumentField = "(document)";

    private readonly List<PolicyProblem> _problems = [];
    private readonly Dictionary<long, List<DuplicateKey>> _duplicates = [];

    public string FileName { get; } = fileName;

    public int ProblemCount => _problems.Count;

    public void Report(Mark at, string field, string message) =>
        _problems.Add(new PolicyProblem(FileName, (int)at.Line, (int)at.Column, field.Length == 0 ? DocumentField : field, message));

    public void Report(YamlField field, string message) => Report(field.At, field.Path, message);

    public void AddDuplicateKey(long mappingIndex, DuplicateKey duplicate)
    {
        if (!_duplicates.TryGetValue(mappingIndex, out var list))
        {
            _duplicates[mappingIndex] = list = [];
        }

        list.Add(duplicate);
    }

    /// <summary>Duplicates found in the mapping that starts at <paramref name="mappingIndex"/>, reported once by whoever reads it.</summary>
    public IReadOnlyList<DuplicateKey> TakeDuplicateKeys(long mappingIndex) =>
        _duplicates.Remove(mappingIndex, out var list) ? list : [];

    /// <summary>Every problem in file order, including duplicate keys in mappings nobody read (e.g. under an unknown key).</summary>
    public IReadOnlyList<PolicyProblem> Finish()
    {
        foreach (var duplicate in _duplicates.Values.SelectMany(d => d))
        {
            Report(duplicate.At, duplicate.Key, DuplicateMessage(duplicate));
        }

        _duplicates.Clear();
        return [.. _problems.OrderBy(p => p.Line).ThenBy(p => p.Column)];
    }

    public static string DuplicateMessage(DuplicateKey duplicate) =>
        $"duplicate key '{duplicate.Key}' (first at line {duplicate.FirstAt.Line}, column {duplicate.FirstAt.Column}); this entry is ignored";
}
