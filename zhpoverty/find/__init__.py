"""Pure finders: functions over text (and its shadow) that return mentions with offsets.

Nothing in this package imports spaCy. Each finder takes the original text and, optionally, its
precomputed shadow (:func:`zhpoverty.text.normalize.shadow_text`), and returns frozen dataclasses
whose ``start``/``end`` are code-point offsets into the original text.
"""
