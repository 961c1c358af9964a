"""Package metadata, kept apart so that build tools can read it without importing spaCy."""

__title__ = "zhpoverty"
__version__ = "0.1.0"
