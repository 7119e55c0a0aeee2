"""Reusable dashboard widgets: metric cards, trend charts, the freshness line."""
