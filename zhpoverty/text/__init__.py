"""Text preparation: the same-length normalised shadow text and the article's structure."""
