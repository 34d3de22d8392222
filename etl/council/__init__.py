"""Council records from an OParl endpoint (`python -m etl council URL`) into data/council.duckdb:
`client` (polite HTTP), `objects` (one OParl object to rows), `tables` (DDL and upserts),
`importer` (the walk, incremental and resumable)."""
