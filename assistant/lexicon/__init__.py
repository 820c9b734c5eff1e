"""The one name table: aliases across languages, short forms and synonyms.

Retrieval, answering, the checker and the quiz all read names through this package,
so a name the user adds to `corpus/aliases.toml` counts everywhere at once.
"""

from assistant.lexicon.sources import ALIAS_FILE, AliasFileError, load_name_table, parse_alias_toml
from assistant.lexicon.table import ENTITY_KINDS, KINDS, PLACE_KINDS, Mention, NameGroup, NameTable, fold

__all__ = [
    "ALIAS_FILE",
    "ENTITY_KINDS",
    "KINDS",
    "PLACE_KINDS",
    "AliasFileError",
    "Mention",
    "NameGroup",
    "NameTable",
    "fold",
    "load_name_table",
    "parse_alias_toml",
]
