"""The bare JSON Schema reader: validation against the dialect's meta-schema."""
