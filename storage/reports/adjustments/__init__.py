"""Inventory adjustments: parse (written with the ledger's writer)."""
