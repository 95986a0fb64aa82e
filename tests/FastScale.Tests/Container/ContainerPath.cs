namespace FastScale.Tests.Container;

/// <summary>Paths inside the container: always '/'-separated and absolute once resolved.</summary>
internal static class ContainerPath
{
    /// <summary><paramref name="path"/> as the builder reads it with <paramref name="workingDirectory"/> current.</summary>
    public static string Resolve(string workingDirectory, string path)
    {
        var combined = path.StartsWith('/') ? path : $"{workingDirectory.TrimEnd('/')}/{path}";
        var segments = new List<string>();
        foreach (var segment in combined.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else if (segment != ".")
            {
                segments.Add(segment);
            }
        }

        return "/" + string.Join('/', segments);
    }
}
