using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Analysis.Fixes;

namespace DriftBoard.Core.Tests.Analysis.Fixes;

public class FixOrderTests
{
    static Fix Fix(string kind, string title, double recall, double alertChange) =>
        new(kind, title, "", recall, recall - 0.05, recall + 0.05, 0.2, alertChange, "");

    [Fact]
    public void Affordable_fixes_come_first_within_their_kind_by_recall_then_costly_ones_then_unestimated()
    {
        Fix[] planned =
        [
            Fix(FixKind.ShortTerm, "rethreshold", 0.73, 11.0),
            Fix(FixKind.ShortTerm, "capped rethreshold", 0.65, 2.0),
            Fix(FixKind.ShortTerm, "restore", 0.78, 0.48),
            Fix(FixKind.ShortTerm, "impute", 0.61, 0.36),
            Fix(FixKind.Structural, "retrain", 0.53, 0.0),
            Fix(FixKind.Structural, "unknown", double.NaN, double.NaN),
            Fix(FixKind.Structural, "contract", 0.78, 0.48),
        ];

        var ordered = FixPlanner.Order(planned).Select(f => f.Title);

        Assert.Equal(["restore", "impute", "rethreshold", "capped rethreshold", "contract", "retrain", "unknown"], ordered);
    }

    [Fact]
    public void A_fix_doubling_the_alerts_is_not_affordable()
    {
        Fix[] planned =
        [
            Fix(FixKind.ShortTerm, "double", 0.9, 1.0),
            Fix(FixKind.ShortTerm, "cheap", 0.6, 0.99),
        ];

        Assert.Equal(["cheap", "double"], FixPlanner.Order(planned).Select(f => f.Title));
    }
}
