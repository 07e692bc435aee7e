using BenchmarkDotNet.Running;
using ChatOps.Benchmarks;

// Every benchmark class in this assembly; pick with --filter (e.g. --filter '*Bulletin*'), list with --list flat.
BenchmarkSwitcher.FromAssembly(typeof(DialogTurnBenchmarks).Assembly).Run(args);
