"""Plain Python baseline for the catalogue export: csv module (';'), insert the mapped fields
of every row into SQLite in one transaction. Prints rows, seconds, rows/s and max RSS.
Usage: python3 baseline.py FILE DB"""
import csv, resource, sqlite3, sys, time

FIELDS = ["id", "title", "slug", "acronym", "url", "organization", "organization_id", "owner", "owner_id",
          "description", "description_short", "frequency", "license", "temporal_coverage.start",
          "temporal_coverage.end", "spatial.granularity", "spatial.zones", "featured", "created_at",
          "last_modified", "tags", "archived", "resources_count", "main_resources_count", "resources_formats",
          "harvest.backend", "harvest.domain", "harvest.created_at", "harvest.modified_at", "harvest.remote_url"]


def main(path, db_path):
    start = time.perf_counter()
    csv.field_size_limit(1 << 30)
    db = sqlite3.connect(db_path)
    cols = ", ".join(f'"{f}" TEXT' for f in FIELDS)
    db.execute(f"CREATE TABLE dataset ({cols})")
    marks = ", ".join("?" for _ in FIELDS)
    rows = 0
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f, delimiter=";")
        header = next(reader)
        index = [header.index(name) for name in FIELDS]
        db.execute("BEGIN")
        for row in reader:
            db.execute(f"INSERT INTO dataset VALUES ({marks})", [row[i] for i in index])
            rows += 1
        db.commit()
    db.close()
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"python rows={rows}")
    print(f"python seconds={seconds:.2f} rows_per_s={rows / seconds:.0f} max_rss_mb={rss:.1f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
