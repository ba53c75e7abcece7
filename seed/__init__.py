"""Demo data and sample files."""
