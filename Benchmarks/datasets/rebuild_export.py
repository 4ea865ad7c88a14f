"""Rebuilds data.gouv.fr's catalogue export from its 282 chunks (see the corpus SOURCES.md):
chunk 1 whole, then for N=2..282 one LF and chunk N without its header line.
Usage: python3 rebuild_export.py CHUNKS.tar.gz OUT.csv"""
import hashlib, sys, tarfile

EXPECTED = "1e0c744deff2975c639b6daecd51fd639b01800cd61e96695df45321a759ae20"


def main(archive, out_path):
    with tarfile.open(archive) as tar:
        members = {m.name.split("/")[-1]: m for m in tar.getmembers() if m.isfile()}
        digest = hashlib.sha256()
        with open(out_path, "wb") as out:
            for n in range(1, 283):
                data = tar.extractfile(members[f"export-dataset-20260116-055249-{n} -by MaxAI.csv"]).read()
                if n > 1:
                    data = b"\n" + data[data.index(b"\n") + 1:]
                out.write(data)
                digest.update(data)
    if digest.hexdigest() != EXPECTED:
        sys.exit(f"rebuilt file has sha256 {digest.hexdigest()}, expected {EXPECTED}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
