using K2.Fuzz;
using K2.Testing.Postgres;

namespace K2.PropertyTests.Regressions;

/// <summary>
/// Every input kept under <c>tests/K2.PropertyTests/Regressions/&lt;target&gt;/</c> (crashes the fuzzer found, and the
/// failing cases property tests shrank to) runs through its fuzz target again: each once broke the contract, so each
/// must now pass it.
/// </summary>
public sealed class FuzzRegressionTests
{
    public static TheoryData<string, string> SavedInputs()
    {
        var data = new TheoryData<string, string>();
        var root = Path.Combine(AppContext.BaseDirectory, "Regressions");
        foreach (var directory in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            foreach (var file in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(directory), Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SavedInputs))]
    public void A_saved_input_passes_its_target(string target, string file)
    {
        var input = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Regressions", target, file));

        FuzzTargets.All[target](input);
    }

    /// <summary>A folder named after no target would be replayed by nothing: catch the typo.</summary>
    [Fact]
    public void Every_regression_folder_names_a_fuzz_target()
    {
        var source = Path.Combine(RepositoryRoot.Find(), "tests", "K2.PropertyTests", "Regressions");

        Assert.All(Directory.EnumerateDirectories(source).Select(Path.GetFileName), name => Assert.Contains(name!, FuzzTargets.All.Keys));
    }

    [Fact]
    public void There_are_saved_inputs_to_replay() => Assert.NotEmpty(SavedInputs());
}
