"""Developer tools. Most are scripts (python tools/x.py); tools.mutation is run as a
module: python -m tools.mutation."""
