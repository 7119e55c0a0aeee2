"""Inventory ledger, detailed view: parse, write (adjustments share the writer)."""
