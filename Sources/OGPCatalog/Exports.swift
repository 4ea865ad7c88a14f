// The configuration and the data directory live in OGPConfig (a module without the store, so
// that `ogp-search` does not link SQLite/GRDB to read `data_dir`); everyone who imports
// OGPCatalog keeps seeing them.
@_exported import OGPConfig
