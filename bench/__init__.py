"""Performance benchmarks of MSCC Pathway: `python -m bench` (see bench/README.md)."""
