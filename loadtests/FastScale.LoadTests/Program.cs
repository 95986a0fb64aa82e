using System.Globalization;
using FastScale.LoadTests.Grpc;

// Load tests and benchmarks print figures; they are run by hand or by CI's report step, never as timed unit tests.
//   dotnet run -c Release --project loadtests/FastScale.LoadTests -- grpc [instances] [calls]
switch (args.FirstOrDefault())
{
    case "grpc":
        var instances = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5000;
        var calls = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20000;
        return await ProviderBenchmark.RunAsync(instances, calls);
    default:
        Console.Error.WriteLine("usage: FastScale.LoadTests grpc [instances=5000] [calls=20000]");
        return 2;
}
