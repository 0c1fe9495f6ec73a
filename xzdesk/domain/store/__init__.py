"""Local store: encrypted SQLite engine, ORM base, migrations, ids, sync outbox, unit of work."""
