using System.Collections.ObjectModel;
using K2.Silo.HotWindow;

namespace K2.Silo.Tests.HotWindow;

public sealed class RepeatedValuesTests
{
    private static string Copy(string text) => new(text.AsSpan());

    [Fact]
    public void A_currency_equal_to_the_previous_one_is_that_instance_and_a_different_one_is_its_own()
    {
        var values = new RepeatedValues();
        var first = Copy("USDT");

        Assert.Same(first, values.Currency(first));
        Assert.Same(first, values.Currency(Copy("USDT")));
        var other = Copy("usdt");
        Assert.Same(other, values.Currency(other));
        Assert.Same(other, values.Currency(Copy("usdt")));
    }

    [Fact]
    public void Vendor_data_with_the_previous_maps_entries_is_that_map_and_any_difference_keeps_its_own()
    {
        var values = new RepeatedValues();
        Dictionary<string, string> Map(string bestMatch) => new(StringComparer.Ordinal) { [Copy("base_asset")] = Copy("BTC"), [Copy("is_best_match")] = bestMatch };
        var first = Map("true");

        Assert.Same(first, values.VendorData(first));
        Assert.Same(first, values.VendorData(Map("true")));
        var changed = Map("false");
        Assert.Same(changed, values.VendorData(changed));
        var extra = new Dictionary<string, string>(Map("false"), StringComparer.Ordinal) { ["venue"] = "X" };
        Assert.Same(extra, values.VendorData(extra));
        Assert.Same(ReadOnlyDictionary<string, string>.Empty, values.VendorData(new Dictionary<string, string>()));
    }

    [Fact]
    public void A_map_that_looks_keys_up_ignoring_case_never_stands_for_another()
    {
        var values = new RepeatedValues();
        var ignoringCase = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Venue"] = "X" };
        var lower = new Dictionary<string, string>(StringComparer.Ordinal) { ["venue"] = "X" };

        Assert.Same(ignoringCase, values.VendorData(ignoringCase));
        Assert.Same(lower, values.VendorData(lower));
        var upper = new Dictionary<string, string>(StringComparer.Ordinal) { ["VENUE"] = "X" };
        Assert.Same(upper, values.VendorData(upper));
        Assert.Equal("X", values.VendorData(upper)["VENUE"]);
    }

    [Fact]
    public void Conditions_equal_to_the_previous_ones_are_that_list_and_none_are_the_shared_empty_list()
    {
        var values = new RepeatedValues();
        string[] first = [Copy("XT"), Copy("CX")];

        Assert.Same(first, values.Conditions(first));
        Assert.Same(first, values.Conditions([Copy("XT"), Copy("CX")]));
        string[] reordered = ["CX", "XT"];
        Assert.Same(reordered, values.Conditions(reordered));
        Assert.Same(Array.Empty<string>(), values.Conditions(new List<string>()));
    }
}
