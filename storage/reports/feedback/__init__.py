"""Seller feedback (the Feedback report and the Feedback Manager download): parse, write."""
