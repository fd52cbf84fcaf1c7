"""The AWS service catalog: one data row per Cost Explorer SERVICE name (services.csv).

Former and alternative spellings (e.g. "Elastic Load Balancing", "Amazon Elasticsearch Service")
live in aliases.csv and resolve to the current row.
"""

from analysis.catalog.catalog import ServiceCatalog
from analysis.catalog.entries import CHECK_FAMILIES, CatalogEntry, Category
from analysis.catalog.errors import CatalogError
from analysis.catalog.loader import load_catalog, parse_catalog

__all__ = [
    "CHECK_FAMILIES",
    "CatalogEntry",
    "CatalogError",
    "Category",
    "ServiceCatalog",
    "load_catalog",
    "parse_catalog",
]
