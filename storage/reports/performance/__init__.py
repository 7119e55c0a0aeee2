"""The seller performance report (JSON): parse, write a snapshot per marketplace."""
