"""Removal order detail: parse, write."""
