"""The headless command line (spec/cli.md). No Qt is imported here."""
