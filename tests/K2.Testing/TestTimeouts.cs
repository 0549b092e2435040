namespace K2.Testing;

/// <summary>
/// Bounds that only stop a broken test from hanging. Nothing asserts on elapsed time: on a loaded two-core CI
/// machine anything that normally takes milliseconds may take seconds.
/// </summary>
public static class TestTimeouts
{
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);
}
