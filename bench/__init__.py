"""Benchmarks: `python -m bench NAME` (or `make bench BENCH=NAME`); see bench/README.md.

Each benchmark measures its own baseline in the same run and prints the ratio, in a throwaway
database (a temporary SQLite file, or a test database on the server DATABASE_URL names).
"""
