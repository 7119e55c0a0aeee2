"""Shared import machinery: reading files, the import transaction, keyed upserts, history.

Every report kind under storage/reports/ builds on it. Kept free of imports
here so the bulk reader process (storage/reports/orders/feed.py) starts light.
"""
