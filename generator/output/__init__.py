"""The output stages: format the generated files, describe them in a manifest, swap them in."""
