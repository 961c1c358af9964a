"""Gold annotations (``corpus/`` format) and scoring of the pipeline against them."""
