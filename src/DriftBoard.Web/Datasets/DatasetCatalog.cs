using DriftBoard.Core.Domain;

namespace DriftBoard.Web.Datasets;

/// <summary>The datasets the pages list. A thin seam over the storage listing so pages do not depend on SQL.</summary>
public sealed class DatasetCatalog(Func<IReadOnlyList<DatasetInfo>> listDatasets, Func<string, bool>? deleteDataset = null)
{
    /// <summary>Deletes a dataset and everything stored and cached for it; false when there was none (or deleting is not wired).
    /// Callers check <see cref="Security.DriftBoardPolicies.CanAdminister"/> first.</summary>
    public Task<bool> DeleteAsync(string id) => Task.FromResult(deleteDataset?.Invoke(id) ?? false);

    /// <summary>All imported datasets, in the order the store lists them.</summary>
    // The listing is one small query over the datasets table (no column chunks), so it runs inline rather than on the thread pool.
    public Task<IReadOnlyList<DatasetInfo>> ListAsync() => Task.FromResult(listDatasets());
}
