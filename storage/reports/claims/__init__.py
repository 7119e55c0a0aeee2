"""A-to-z claims and chargebacks from our claims.csv template: parse, write."""
