"""An offline gazetteer: GeoNames places from registry packages, indexed once into SQLite."""

from dateline.resources.geo.gazetteer import (
    ADMIN1,
    ADMIN2,
    CITY,
    COUNTRY,
    REGION,
    Entry,
    Gazetteer,
    default_cache_dir,
    index_path,
    open_gazetteer,
)
from dateline.resources.geo.names import name_key

__all__ = ["ADMIN1", "ADMIN2", "CITY", "COUNTRY", "REGION", "Entry", "Gazetteer",
           "default_cache_dir", "index_path", "name_key", "open_gazetteer"]
