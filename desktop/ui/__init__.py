"""Qt widgets of MSCC Pathway, one per file. They collect input and render what the
session emits; they contain no clinical logic."""
