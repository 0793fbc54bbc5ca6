"""The record format's version, on its own so that reading a store's manifest and list
does not load the record model (and pydantic with it): the app's first paint needs neither.
"""

SCHEMA_VERSION = 1
