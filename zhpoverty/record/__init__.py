"""From mentions to rows: indicator classification, the article record and its typed schema."""
