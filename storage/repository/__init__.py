"""Stores that belong to no one report kind, and the readers behind the screens.

Settings, the seller's in-app actions, warnings, triage rules and matrix, reply
templates, metric snapshots, AHR readings, claims typed in by hand; the metric,
product and reconciliation inputs and whole-table record lists. Report kinds
keep their own SQL in storage/reports/, the import machinery in storage/imports/.
Functions take a `Store` when they touch encrypted PII and a thread's `Database`
otherwise.
"""
