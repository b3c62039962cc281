"""The document stage: bytes -> parsed documents, and `$ref` lookups across them."""
