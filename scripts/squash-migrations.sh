#!/usr/bin/env bash
# Writes Migrations/Snapshot/schema.sql: the schema that replaying every numbered migration
# builds, as one script, from which `summitkb` creates a new database. Replaying the nine
# migrations cost a new database about 20 ms, most of it SQLite parsing the whole schema
# again after each ALTER TABLE; the snapshot is a few milliseconds. Run it after adding a
# migration: `SchemaSnapshotTests` fails while the snapshot builds another schema.
#
#   scripts/squash-migrations.sh
#
# Needs the sqlite3 CLI.
set -euo pipefail
cd "$(dirname "$0")/.."

db="$(mktemp -d)/replayed.sqlite"
trap 'rm -rf "$(dirname "$db")"' EXIT
for migration in Migrations/0*.sql; do sqlite3 "$db" < "$migration"; done

{
    last="$(basename "$(ls Migrations/0*.sql | tail -1)")"
    echo "-- SummitKB schema snapshot: what migrations 0001 to ${last:0:4} build, as one"
    echo "-- script, from which a new database is created (an existing one replays the migrations it"
    echo "-- lacks). Written by scripts/squash-migrations.sh; never edit it by hand."
    echo
    # Tables, then indexes, views and triggers, each kind in creation order; the tables a
    # virtual table makes for itself and the indexes of UNIQUE constraints come with their table.
    sqlite3 "$db" "
        SELECT sql || ';' || char(10) FROM sqlite_schema s
        WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\_%' ESCAPE '\\'
          AND NOT EXISTS (SELECT 1 FROM pragma_table_list WHERE name = s.name AND type = 'shadow')
        ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'view' THEN 2 ELSE 3 END, rowid"
    sqlite3 "$db" "
        SELECT 'INSERT INTO schema_migrations (version, name) VALUES'
        UNION ALL
        SELECT '    (' || version || ', ''' || name || ''')' || iif(version = max(version) OVER (), ';', ',')
        FROM (SELECT version, name FROM schema_migrations ORDER BY version)"
} > Migrations/Snapshot/schema.sql
echo "wrote Migrations/Snapshot/schema.sql"
