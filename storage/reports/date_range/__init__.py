"""Date Range transaction report (CSV): parse, write."""
