"""The naming stage: every Python identifier of the generated SDK, by key, with the lock of earlier names.

- `words`: words of any name and the Python styles that join them;
- `allocate`: one name space allocated as a whole, independent of claim order;
- `names`: the claims of a whole API and their allocation (`build_names`);
- `lock`: the names an earlier generation gave, kept while their keys exist.
"""

from typing import TYPE_CHECKING, Any

# Light, and named like their modules: bound here so that the functions, not the modules, are the attributes.
from generator.naming.allocate import Claim, allocate
from generator.naming.words import ascii_text, identifier, pascal, snake, stable_suffix, upper_snake, words

if TYPE_CHECKING:
    from generator.naming.names import (
        ANNOTATION_BUILTINS,
        ARGUMENT_RESERVED,
        FIELD_RESERVED,
        MEMBER_RESERVED,
        PAGINATION_CLASSES,
        RUNTIME_NAMES,
        TOP_LEVEL_RESERVED,
        Credential,
        Group,
        Names,
        OperationNames,
        argument_words,
        build_names,
        env_prefix,
        flattened_body,
        operation_words,
        package_name,
        request_properties,
        used_security_schemes,
    )


def __getattr__(name: str) -> Any:
    import importlib

    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    # Imported when first used: `check` reads the lock (`naming.lock`) without the rest of the stage.
    return getattr(importlib.import_module("generator.naming.names"), name)


__all__ = [
    "ANNOTATION_BUILTINS",
    "ARGUMENT_RESERVED",
    "FIELD_RESERVED",
    "MEMBER_RESERVED",
    "PAGINATION_CLASSES",
    "RUNTIME_NAMES",
    "TOP_LEVEL_RESERVED",
    "Claim",
    "Credential",
    "Group",
    "Names",
    "OperationNames",
    "allocate",
    "argument_words",
    "ascii_text",
    "build_names",
    "env_prefix",
    "flattened_body",
    "identifier",
    "operation_words",
    "package_name",
    "pascal",
    "request_properties",
    "snake",
    "stable_suffix",
    "upper_snake",
    "used_security_schemes",
    "words",
]
