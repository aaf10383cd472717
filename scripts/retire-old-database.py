"""`make run` and `make demo`: set aside a development database made before the apps were
arranged in layers (its migration history no longer matches the code), so that a new one is
made and loaded with the demo content. Nothing was deployed with the old layout."""

import sqlite3
import sys
from pathlib import Path

database = Path(sys.argv[1] if len(sys.argv) > 1 else "var/db.sqlite3")
if database.exists():
    with sqlite3.connect(database) as connection:
        try:
            old = connection.execute(
                "SELECT 1 FROM django_migrations WHERE app = 'home' AND name = '0004_certificates'"
            ).fetchone()
        except sqlite3.DatabaseError:
            old = None
    if old:
        kept = database.with_name("db-before-layers.sqlite3")
        database.rename(kept)
        for suffix in ("-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        print(f"The database was made before the layered apps; kept as {kept}, starting afresh.")
