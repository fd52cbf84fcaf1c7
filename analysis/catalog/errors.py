class CatalogError(ValueError):
    """The catalog data is malformed: a bad row, a duplicate name, an alias to nowhere."""
