"""Fault scripts that need a server and a database of their own (see docs/operations.md)."""
