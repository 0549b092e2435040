namespace K2.Lakehouse.Maintenance;

/// <summary>What an orphan-file sweep did.</summary>
/// <param name="FilesListed">Files found under the table location.</param>
/// <param name="DeletedFiles">Unreferenced files old enough to be deleted, and deleted.</param>
/// <param name="YoungOrphansKept">Unreferenced files kept because they are younger than the safety age.</param>
/// <param name="FailedDeletes">Orphans that could not be deleted this time.</param>
public sealed record OrphanRemovalResult(int FilesListed, IReadOnlyList<string> DeletedFiles, int YoungOrphansKept, int FailedDeletes);
