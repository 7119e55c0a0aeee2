"""Reads and writes of domain records: the only SQL in the project.

One module per concern (imports, records, app state, settings, ...). Functions
take a `Store` when they touch encrypted PII and a thread's `Database` otherwise.
"""
