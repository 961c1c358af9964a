"""The pkuseg segmentation model: fetching it through pip, slimming it, storing it, loading it."""
