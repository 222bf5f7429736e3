"""Helpers every layer shares: parameter validation and whole-file writes."""
