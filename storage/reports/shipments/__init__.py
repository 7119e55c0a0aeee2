"""Amazon Fulfilled Shipments: parse, write."""
