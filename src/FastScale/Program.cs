using System.CommandLine;
using FastScale.Commands;

// The command line: each command lives in Commands/; the provider's own composition root is Serve/ProviderApp.cs.
var root = new RootCommand("FastScale: fast node scale-out for the Kubernetes cluster-autoscaler on Alibaba Cloud ECS")
{
    ServeCommand.Create(),
    ValidateCommand.Create(),
    EmulateCommand.Create(),
    BurstCommand.Create(),
    PlanCommand.Create(),
};

try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (UserError e)
{
    Console.Error.WriteLine($"fastscale: {e.Message}");
    return 1;
}
