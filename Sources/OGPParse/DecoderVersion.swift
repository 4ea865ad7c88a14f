/// The version of what this module's decoders make of a source's bytes.
///
/// A harvest skips what did not change since the last run (a 304, the same bytes, an unchanged
/// listing page): right while the decoders are the same, wrong after an upgrade that makes more
/// of the same bytes (the eighth session's dataset popularity, read from columns the export
/// always had, reached only the datasets whose rows changed). Each source's state records the
/// version its last run decoded with; a run that finds another one reads that source in full
/// once, as `ogp harvest --full` would, and the store keeps only what really changed.
public enum DecoderVersion {
    /// Bump whenever a decoder or mapper gives other records for the same bytes (a new field,
    /// a fixed mapping), so that catalogues harvested before are read again at their next run.
    /// 1: the first recorded version (dataset popularity, eighth session). A state without a
    /// version was made before it.
    public static let current = 1
}
