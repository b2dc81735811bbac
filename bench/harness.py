"""What every benchmark does first: a throwaway database (a SQLite file, or a fresh PostgreSQL database
when DATABASE_URL is set), Django started with the test settings, migrations run."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def start_django(workdir: str | None = None, *, migrate: bool = True) -> str:
    """Start Django for a benchmark and return its working folder (pass one to reuse an earlier SQLite run)."""
    workdir = workdir or tempfile.mkdtemp(prefix="hearth-bench-")
    os.environ.setdefault("HEARTH_VAR_DIR", workdir)
    Path(workdir, "static").mkdir(exist_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    if os.environ.get("DATABASE_URL"):
        fresh_postgres_database()
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    return workdir


def keep_one_connection() -> None:
    """Keep one database connection across test-client requests, as a server with HEARTH_DB_CONN_MAX_AGE
    does; otherwise every request reconnects (and the query log is cleared with it)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)


def fresh_postgres_database() -> None:
    """Point DATABASE_URL at a new, empty database named after the configured one with "_bench" added."""
    import dj_database_url
    import psycopg

    url = os.environ["DATABASE_URL"]
    config = dj_database_url.parse(url)
    name = f"{config['NAME']}_bench"
    conninfo = (
        f"host={config['HOST']} port={config['PORT'] or 5432} user={config['USER']} dbname={config['NAME']}"
    )
    if config.get("PASSWORD"):
        conninfo += f" password={config['PASSWORD']}"
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + name
