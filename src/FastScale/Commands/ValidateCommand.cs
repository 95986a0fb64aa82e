using System.CommandLine;
using FastScale.Engine.Policy;

namespace FastScale.Commands;

/// <summary><c>fastscale validate FILE</c>: every problem as FILE:LINE:COL: field: expectation; exit 0 valid, 1 invalid.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The scale policy YAML to check" };
        var command = new Command("validate", "Check a scale policy file and report every problem with its position") { file };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var result = PolicyLoader.LoadFile(path);
            if (!result.IsValid)
            {
                foreach (var problem in result.Problems)
                {
                    Console.Error.WriteLine(problem);
                }

                Console.Error.WriteLine($"{path}: {result.Problems.Count} problem(s)");
                return 1;
            }

            var policy = result.Policy!;
            Console.WriteLine(
                $"{path}: valid: cluster {policy.ClusterId} in {policy.Region}, {policy.NodeGroups.Count} node group(s) " +
                $"({string.Join(", ", policy.NodeGroups.Select(g => $"{g.Id} {g.MinSize}-{g.MaxSize}"))})");
            return 0;
        });
        return command;
    }
}
