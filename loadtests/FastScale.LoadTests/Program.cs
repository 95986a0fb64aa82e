using System.Globalization;
using FastScale.LoadTests.Cluster;
using FastScale.LoadTests.Ecs;
using FastScale.LoadTests.Grpc;
using FastScale.LoadTests.Kubelets;
using FastScale.LoadTests.Memory;
using FastScale.LoadTests.Scenarios;

// Load tests and benchmarks print figures; they are run by hand, never as timed unit tests.
//   dotnet run -c Release --project loadtests/FastScale.LoadTests -- grpc [instances] [calls]
//   dotnet run -c Release --project loadtests/FastScale.LoadTests -- cluster [nodes] [pods] [watchers]
//   dotnet run -c Release --project loadtests/FastScale.LoadTests -- informers [nodes] [pods] [informers]
//   dotnet run -c Release --project loadtests/FastScale.LoadTests -- ecs [instances] [callsPerSecond] [seconds]
//   dotnet run -c Release --project loadtests/FastScale.LoadTests -- burst [scenario,scenario,...] [seed] [timeScale]
//   dotnet run -c Release --project loadtests/FastScale.LoadTests -- matrix [nodes] [seed] [timeScale]
//   dotnet run -c Release --project loadtests/FastScale.LoadTests -- kubelets [nodes] [timeScale]
//   dotnet run -c Release --project loadtests/FastScale.LoadTests -- memory [instances] [pods] [gc=image|workstation|server] [settleSeconds]
int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

switch (args.FirstOrDefault())
{
    case "grpc":
        return await ProviderBenchmark.RunAsync(Arg(1, 5000), Arg(2, 20000));
    case "cluster":
        return await ClusterLoadTest.RunAsync(Arg(1, 5000), Arg(2, 50000), Arg(3, 20));
    case "ecs":
        return await EcsEmulatorBenchmark.RunAsync(Arg(1, 5000), Arg(2, 200), Arg(3, 20));
    case "informers":
        return await InformerLoadTest.RunAsync(Arg(1, 5000), Arg(2, 50000), Arg(3, 20));
    case "burst":
        return await BurstScenarioRun.RunAsync(
            (args.Length > 1 ? args[1] : "cold-1000,fastmode-1000").Split(','), Arg(2, 1), args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 4);
    case "matrix":
        return await ComparisonMatrix.RunAsync(Arg(1, 1000), Arg(2, 1), args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 4);
    case "kubelets":
        return await KubeletScaleRun.RunAsync(Arg(1, 1000), args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 1);
    case "memory":
        var memory = await MemoryLoadTest.RunAsync(
            Arg(1, 5000), Arg(2, 50000), args.Length > 3 ? args[3] : "image", TimeSpan.FromSeconds(Arg(4, 15)), TimeSpan.FromMinutes(5),
            breakdown: true, TimeProvider.System, Console.Out, CancellationToken.None);
        MemoryLoadTest.Print(memory, Console.Out);
        return memory.MeetsTarget ? 0 : 1;
    default:
        Console.Error.WriteLine("usage: FastScale.LoadTests grpc [instances=5000] [calls=20000]");
        Console.Error.WriteLine("       FastScale.LoadTests cluster [nodes=5000] [pods=50000] [watchers=20]");
        Console.Error.WriteLine("       FastScale.LoadTests informers [nodes=5000] [pods=50000] [informers=20]");
        Console.Error.WriteLine("       FastScale.LoadTests ecs [instances=5000] [callsPerSecond=200] [seconds=20]");
        Console.Error.WriteLine("       FastScale.LoadTests burst [scenarios=cold-1000,fastmode-1000] [seed=1] [timeScale=4]");
        Console.Error.WriteLine("       FastScale.LoadTests matrix [nodes=1000] [seed=1] [timeScale=4]");
        Console.Error.WriteLine("       FastScale.LoadTests kubelets [nodes=1000] [timeScale=1]");
        Console.Error.WriteLine("       FastScale.LoadTests memory [instances=5000] [pods=50000] [gc=image|workstation|server] [settleSeconds=15]");
        return 2;
}
