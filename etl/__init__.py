"""ETL for the Ruhr pledge map: election programmes -> pledges with topics -> DuckDB."""
