"""Python source in black's layout, built by construction (see `source`)."""
