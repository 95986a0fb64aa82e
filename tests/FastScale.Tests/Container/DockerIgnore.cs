using System.Text;
using System.Text.RegularExpressions;

namespace FastScale.Tests.Container;

/// <summary>
/// <c>.dockerignore</c> as the builder applies it: patterns in order, the last one that matches a path or any of its
/// parent directories decides, <c>!</c> re-includes, <c>*</c> and <c>?</c> stay within a path segment and <c>**</c>
/// spans segments.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly IReadOnlyList<(Regex Pattern, bool Include)> _rules;

    private DockerIgnore(IReadOnlyList<(Regex, bool)> rules) => _rules = rules;

    public static DockerIgnore Load() => Parse(File.ReadAllText(Path.Combine(Deploy.RepositoryPaths.Root, ".dockerignore")));

    public static DockerIgnore Parse(string text) => new([.. text.Split('\n')
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => l.StartsWith('!') ? (Pattern: l[1..], Include: true) : (Pattern: l, Include: false))
        .Select(r => (ToRegex(r.Pattern.Trim('/')), r.Include))]);

    /// <summary>True when the file at <paramref name="relativePath"/> (relative to the context, '/' separated) is sent to the builder.</summary>
    public bool IsIncluded(string relativePath)
    {
        var included = true;
        var segments = relativePath.Split('/');
        var candidates = Enumerable.Range(1, segments.Length).Select(n => string.Join('/', segments[..n])).ToList();
        foreach (var (pattern, include) in _rules)
        {
            if (candidates.Any(pattern.IsMatch))
            {
                included = include;
            }
        }

        return included;
    }

    private static Regex ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                var slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                regex.Append(slash ? "(.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
            {
                regex.Append(pattern[i] switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    var c => Regex.Escape(c.ToString()),
                });
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
