using System.Text;

namespace FastScale.Simulation.Cluster;

/// <summary>
/// A <c>fieldSelector</c>: comma-separated <c>field=value</c>, <c>field==value</c> or <c>field!=value</c>, all of which
/// must hold. An empty value is meaningful (<c>spec.nodeName=</c> selects unbound pods). Backslash escapes <c>, = \</c>.
/// </summary>
internal sealed class FieldSelector
{
    private readonly Term[] _terms;

    private FieldSelector(Term[] terms) => _terms = terms;

    public static FieldSelector Everything { get; } = new([]);

    public static bool TryParse(string? text, ResourceKind kind, out FieldSelector selector, out string error)
    {
        selector = Everything;
        error = "";
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        var terms = new List<Term>();
        foreach (var part in SplitUnescaped(text, ','))
        {
            var (field, op, value) = SplitTerm(part);
            if (op is null)
            {
                error = $"invalid selector: '{text}'; can't understand '{part}'";
                return false;
            }

            var index = field switch
            {
                "metadata.name" => Term.Name,
                "metadata.namespace" => Term.Namespace,
                _ => kind.FieldIndex(field),
            };
            if (index == -1)
            {
                error = $"field label not supported: {field}";
                return false;
            }

            terms.Add(new Term(index, op == "!=", value));
        }

        selector = new FieldSelector([.. terms]);
        return true;
    }

    public bool Matches(StoredObject obj)
    {
        foreach (var term in _terms)
        {
            var actual = term.Index switch
            {
                Term.Name => obj.Name,
                Term.Namespace => obj.Namespace,
                _ => obj.Fields[term.Index],
            };
            if ((actual == term.Value) == term.Negated)
            {
                return false;
            }
        }

        return true;
    }

    private static (string Field, string? Op, string Value) SplitTerm(string part)
    {
        for (var i = 0; i < part.Length; i++)
        {
            if (part[i] == '\\')
            {
                i++;
                continue;
            }

            var op = part[i] == '!' && i + 1 < part.Length && part[i + 1] == '=' ? "!="
                : part[i] == '=' && i + 1 < part.Length && part[i + 1] == '=' ? "=="
                : part[i] == '=' ? "="
                : null;
            if (op is not null)
            {
                return (Unescape(part[..i]).Trim(), op, Unescape(part[(i + op.Length)..]));
            }
        }

        return (part, null, "");
    }

    private static IEnumerable<string> SplitUnescaped(string text, char separator)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == separator)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }

    private static string Unescape(string value)
    {
        if (!value.Contains('\\'))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
            }

            builder.Append(value[i]);
        }

        return builder.ToString();
    }

    private readonly record struct Term(int Index, bool Negated, string Value)
    {
        public const int Name = -2;
        public const int Namespace = -3;
    }
}
