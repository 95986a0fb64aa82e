using System.Text;

namespace FastScale.Kubernetes.Config;

/// <summary>A PEM value given inline (<c>…-data</c>, base64) or as a file relative to the kubeconfig's folder.</summary>
internal static class KubeconfigPem
{
    /// <param name="field">"cluster 'k': certificate-authority": the file field; the inline one is field + "-data".</param>
    public static string? Read(string? base64, string? file, string field, string kubeconfigPath, string directory, List<string> errors)
    {
        if (!string.IsNullOrEmpty(base64) && !string.IsNullOrEmpty(file))
        {
            // kubectl reports this as a validation error too ("... will override"); picking one silently hides a typo.
            errors.Add($"kubeconfig {kubeconfigPath}: {field} and {Field(field)}-data are both set; keep one");
            return null;
        }

        if (!string.IsNullOrEmpty(base64))
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            }
            catch (FormatException)
            {
                errors.Add($"kubeconfig {kubeconfigPath}: {field}-data is not valid base64");
                return null;
            }
        }

        if (string.IsNullOrEmpty(file))
        {
            return null;
        }

        var fullPath = Path.Combine(directory, file);
        try
        {
            return File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add($"kubeconfig {kubeconfigPath}: {field} file {fullPath} cannot be read: {e.Message}");
            return null;
        }
    }

    private static string Field(string field) => field[(field.LastIndexOf(' ') + 1)..];
}
