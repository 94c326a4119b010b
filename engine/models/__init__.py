"""Data models: the case (input) and the assessment (output)."""
