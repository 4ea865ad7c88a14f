/// # OGPIndex
///
/// An inverted index for French text, knowing nothing of records: the catalogue feeds
/// ``IndexDocument``s (id, text fields, keywords, date, hidden flag, display values).
///
/// ## Use
/// ```swift
/// let writer = try IndexWriter(directory: dataDir.indexPath)   // exclusive lock
/// try writer.add(doc)                                          // upsert by id
/// writer.delete(id: "old")
/// try writer.commit()                                          // atomic, durable
///
/// let reader = try IndexReader(directory: dataDir.indexPath)   // snapshot, mmap'd
/// let results = try reader.search(SearchRequest(query: "données environnementales",
///     filters: ["kind": ["commitment"]], facets: ["kind", "org", "year"]))
/// ```
///
/// ## Directory layout
/// - `manifest.json`: the commit point (format, generation, schema with field boosts, segments
///   and their deletion generations); replaced by write-temp, fsync, rename, fsync directory.
/// - `write.lock`: `flock`ed by the single writer (released when its process dies).
/// - per segment `sNNNNNN`, immutable, each file starting with a 4-byte magic and a format
///   version: `.tim` sorted term dictionary in blocks of 32 prefix-compressed terms with a
///   table of block offsets (see `TermDictionaryWriter`; entries: term suffix, df, postings
///   location); `.pst` postings (per term: a skip table with each block's last document
///   and score maxima, blocks of 128 bit-packed doc gaps and per-field tfs, then the position
///   deltas in a separate run of varints, read only for phrases and proximity; see
///   `PostingsBlock`);
///   `.doc` doc values (field-length sums, dates, hidden flags, field lengths, keyword ordinals
///   for facets, ids); `.sto` stored documents in zstd blocks of ~16 KB
///   with a dictionary trained on the segment's documents (see `StoredFieldsWriter`);
///   `sNNNNNN.GEN.del` deletion bitmap of a commit generation.
///
/// Term kinds share the dictionary: analysed terms (letters/digits first), `\u{01}exact` folded
/// unstemmed forms, `\u{02}kind\u{1F}value` keywords, `\u{03}id` document ids.
///
/// Files the manifest no longer names are removed after each commit and when a writer opens
/// (leftovers of a crash); readers that still map them keep working.
public enum OGPIndexOverview {}
