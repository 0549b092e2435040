using System.Diagnostics.Metrics;
using K2.ServiceDefaults.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace K2.Telemetry.Tests.Metrics;

/// <summary>The instrument catalogue (and so docs/telemetry.md and the alert rules) matches what K2's code publishes.</summary>
public sealed class CatalogueTests
{
    [Fact]
    public void Every_instrument_K2_publishes_is_catalogued_with_its_meter_unit_and_kind_and_nothing_else_is()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var published = new List<(string Meter, string Name, InstrumentKind Kind, string? Unit)>();
        using var listener = new MeterListener
        {
            // Only meters of this test's factory: other tests in the process create instruments of the same names.
            InstrumentPublished = (instrument, _) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, meters))
                {
                    lock (published)
                    {
                        published.Add(Describe(instrument));
                    }
                }
            },
        };
        listener.Start();

        _ = new K2Emitters(meters);

        var expected = K2Instruments.All.Select(i => (i.Meter, i.Name, i.Kind, i.Unit)).OrderBy(i => i.Name).ToList();
        Assert.Equal(expected, published.OrderBy(i => i.Name).ToList());
    }

    [Fact]
    public void The_catalogued_names_are_unique_and_prefixed_k2()
    {
        Assert.All(K2Instruments.All, instrument => Assert.StartsWith("k2.", instrument.Name, StringComparison.Ordinal));
        Assert.Equal(K2Instruments.All.Count, K2Instruments.All.Select(i => i.Name).Distinct().Count());
    }

    private static (string Meter, string Name, InstrumentKind Kind, string? Unit) Describe(Instrument instrument)
    {
        var kind = instrument switch
        {
            Counter<long> or Counter<int> or Counter<double> or ObservableCounter<long> => InstrumentKind.Counter,
            Histogram<long> or Histogram<double> => InstrumentKind.Histogram,
            _ when instrument.GetType().Name.Contains("Gauge", StringComparison.Ordinal) => InstrumentKind.Gauge,
            _ => throw new InvalidOperationException($"{instrument.Name}: instrument type {instrument.GetType().Name} has no catalogue kind"),
        };
        return (instrument.Meter.Name, instrument.Name, kind, instrument.Unit);
    }
}
