"""The naming stage: every Python identifier of the generated SDK, by key, with the lock of earlier names.

- `words`: words of any name and the Python styles that join them;
- `allocate`: one name space allocated as a whole, independent of claim order;
- `names`: the claims of a whole API and their allocation (`build_names`);
- `lock`: the names an earlier generation gave, kept while their keys exist.
"""

from generator.naming.allocate import Claim, allocate
from generator.naming.names import (
    ARGUMENT_RESERVED,
    FIELD_RESERVED,
    MEMBER_RESERVED,
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
from generator.naming.words import ascii_text, identifier, pascal, snake, stable_suffix, upper_snake, words

__all__ = [
    "ARGUMENT_RESERVED",
    "FIELD_RESERVED",
    "MEMBER_RESERVED",
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
