using System.Text;

namespace FastScale.Kubernetes.Client;

/// <summary>Builds "?a=1&amp;b=2" with every value escaped; null or empty values are left out.</summary>
internal sealed class QueryString
{
    private readonly StringBuilder _text = new();

    public QueryString Add(string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _text.Append(_text.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return this;
    }

    public QueryString Add(string name, int? value) =>
        value is int v ? Add(name, v.ToString(System.Globalization.CultureInfo.InvariantCulture)) : this;

    public override string ToString() => _text.ToString();
}
