"""Thin spaCy components. Each one runs a pure finder over ``doc.text`` and attaches the result.

The factories are registered through the ``spacy_factories`` entry point (see
``pyproject.toml``), so ``spacy.blank("zh").add_pipe("zhpoverty_quantities")`` works without
importing zhpoverty first.
"""
