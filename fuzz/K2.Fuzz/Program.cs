using K2.Fuzz;
using SharpFuzz;

// dotnet K2.Fuzz.dll <target>                     run under afl-fuzz (fuzz/run.sh does this)
// dotnet K2.Fuzz.dll seed <target> <dir> <repo>   write the starting corpus, built from real-format inputs
// dotnet K2.Fuzz.dll replay <target> <file>...    run saved inputs once, outside AFL (exit 1 on the first failure)
if (args is [var name] && FuzzTargets.All.TryGetValue(name, out var target))
{
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        target(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    });
    return 0;
}

if (args is ["seed", var seedTarget, var directory, var repository] && FuzzTargets.All.ContainsKey(seedTarget))
{
    var written = SeedCorpus.Write(seedTarget, directory, repository);
    Console.WriteLine($"{written} seed inputs for {seedTarget} in {directory}");
    return 0;
}

if (args is ["replay", var replayTarget, .. var files] && FuzzTargets.All.TryGetValue(replayTarget, out var replay))
{
    foreach (var file in files)
    {
        replay(File.ReadAllBytes(file));
        Console.WriteLine($"ok {file}");
    }

    return 0;
}

Console.Error.WriteLine($"usage: K2.Fuzz <{string.Join('|', FuzzTargets.All.Keys)}> | seed <target> <dir> <repo> | replay <target> <file>...");
return 2;
