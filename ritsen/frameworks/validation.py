"""Read framework files: YAML in, :class:`FrameworkSpec` or every problem out (no ORM).

The format is declared in :mod:`ritsen.frameworks.schema`; this module loads YAML,
runs the schema and turns its findings into :class:`Problem` objects that a person who
wrote the file understands: the YAML line, and the place named as they think of it —
``line 46, link 2 (processes): a link needs at least one statement``,
``line 77, statement 4.3: the English text is missing`` — never a list index.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext as _
from pydantic import ValidationError

from ritsen.core.schema_messages import kind_of, message_for, shown

from .schema import SLUG_RE, FrameworkDocument, Loc, consistency_problems
from .spec import FrameworkSpec

BUILTIN_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_FRAMEWORK_SLUG = "ritsen-9"
DEFAULT_FRAMEWORK_PATH = BUILTIN_DIR / f"{DEFAULT_FRAMEWORK_SLUG}.yaml"

__all__ = [
    "BUILTIN_DIR",
    "DEFAULT_FRAMEWORK_PATH",
    "SLUG_RE",
    "Problem",
    "load_bytes",
    "load_file",
    "load_string",
    "parse",
    "validate",
]

TEXT_FIELDS = {"name", "question", "description", "text"}


@dataclass(frozen=True)
class Problem:
    """One problem in a framework file, e.g. ``line 14, link 2 (culture), name: …``."""

    location: str
    message: str
    line: int | None = None
    column: int | None = None
    path: Loc = ()

    def __str__(self) -> str:
        prefix = []
        if self.line is not None:
            prefix.append(_("line %(line)d") % {"line": self.line})
            if self.column is not None:
                prefix.append(_("column %(column)d") % {"column": self.column})
        if self.location:
            prefix.append(self.location)
        return f"{', '.join(prefix)}: {self.message}" if prefix else self.message


# --- naming places as the author does ---------------------------------------------------


def _item(container: Any, key: str | int) -> Any:
    if isinstance(key, int) and isinstance(container, list) and 0 <= key < len(container):
        return container[key]
    if isinstance(container, Mapping):
        return container.get(key)
    return None


def _link_name(link: Any, index: int) -> str:
    link_id = link.get("id") if isinstance(link, Mapping) else None
    key = link.get("key") if isinstance(link, Mapping) else None
    good_id = isinstance(link_id, int) and not isinstance(link_id, bool)
    good_key = isinstance(key, str) and key.strip()
    if good_id and good_key:
        return _("link %(id)s (%(key)s)") % {"id": link_id, "key": shown(key)}
    if good_id:
        return _("link %(id)s") % {"id": link_id}
    if good_key:
        return _("link %(key)s") % {"key": shown(key)}
    return _("the link at position %(position)d") % {"position": index + 1}


def _statement_name(statement: Any, index: int, link_name: str) -> str:
    statement_id = statement.get("id") if isinstance(statement, Mapping) else None
    if isinstance(statement_id, int | float | Decimal) and not isinstance(statement_id, bool):
        statement_id = str(statement_id)  # an unquoted id: still what the author wrote
    if isinstance(statement_id, str) and statement_id.strip():
        return _("statement %(id)s") % {"id": shown(statement_id)}
    return _("%(link)s, the statement at position %(position)d") % {
        "link": link_name,
        "position": index + 1,
    }


def describe(path: Loc, data: Any) -> tuple[str, Loc]:
    """The place ``path`` names, and what is left of the path inside it.

    ``("links", 1, "statements", 3, "text")`` in a file whose second link is
    ``processes`` with statement ``5.4`` gives ``("statement 5.4", ("text",))``.
    """
    if len(path) >= 2 and path[0] == "links" and isinstance(path[1], int):
        link = _item(data.get("links") if isinstance(data, Mapping) else None, path[1])
        name = _link_name(link, path[1])
        rest = path[2:]
        if len(rest) >= 2 and rest[0] == "statements" and isinstance(rest[1], int):
            statement = _item(_item(link, "statements"), rest[1])
            inner = rest[2:]
            if inner[:1] == ("text",):  # a statement is its text: no need to say "text"
                inner = inner[1:]
            return _statement_name(statement, rest[1], name), inner
        return name, rest
    return "", path


def _join(place: str, rest: Loc) -> str:
    field = ".".join(shown(part) for part in rest)
    if place and field:
        return f"{place}, {field}"
    return place or field


def _text_missing(code: Any) -> str:
    return _("the English text is missing") if code == "en" else _("the Dutch text is missing")


def _text_empty(code: Any) -> str:
    return _("the English text is empty") if code == "en" else _("the Dutch text is empty")


def _problem(path: Loc, message: str, data: Any) -> tuple[str, str]:
    """Location text and message for a problem at ``path`` (text fields folded in)."""
    place, rest = describe(path, data)
    return _join(place, rest), message


def _from_pydantic(error: Any, data: Any) -> tuple[Loc, str, str]:
    """(raw path, location, message) of one pydantic error."""
    loc: Loc = tuple(part for part in error["loc"] if part != "[key]")
    kind = error["type"]
    value = error.get("input")
    last = loc[-1] if loc else ""
    parent = loc[:-1]
    # A text's language is folded into the message: "the English text is missing".
    is_text = last in ("nl", "en") and _in_text(loc)
    if kind == "missing" and is_text:
        message = _text_missing(last)
        loc = parent
    elif kind == "missing":
        message = message_for(error)
        loc = parent
    elif kind == "extra_forbidden" and _in_text(loc):
        message = _("%(language)s is not a language of Ritsen; only nl and en are") % {
            "language": shown(last)
        }
    elif kind == "extra_forbidden":
        message = _("%(key)s is not a key of the framework format here") % {"key": shown(last)}
    elif kind == "string_too_short" and is_text:
        message = _text_empty(last)
        loc = parent
    elif kind == "string_pattern_mismatch":
        message = _pattern_message(loc, value)
    elif kind in ("model_type", "dict_type", "model_attributes_type"):
        message = _mapping_message(loc, value)
    elif kind == "too_short":
        message = _too_short_message(last)
    else:
        message = message_for(error)
    location, message = _problem(loc, message, data)
    return loc, location, message


def _in_text(loc: Loc) -> bool:
    """Whether ``loc`` ends in a language inside a text (name, question, label …)."""
    parent = loc[:-1]
    if not parent:
        return False
    if parent[-1] in TEXT_FIELDS:
        return True
    return len(parent) >= 3 and parent[-3:-1] == ("scale", "labels")


def _pattern_message(loc: Loc, value: Any) -> str:
    if loc == ("id",):
        return _(
            "%(value)s is not a valid identifier: use lowercase letters, digits and hyphens, "
            "e.g. ritsen-9"
        ) % {"value": shown(value)}
    if loc and loc[-1] == "key":
        return _(
            "%(value)s is not a valid key: start with a lowercase letter and use only "
            "lowercase letters, digits and underscores, e.g. business_case"
        ) % {"value": shown(value)}
    return _(
        "%(value)s is not a valid statement id: use letters, digits, dots, hyphens and "
        'underscores, e.g. "1.1"'
    ) % {"value": shown(value)}


def _mapping_message(loc: Loc, value: Any) -> str:
    if loc and loc[-1] in TEXT_FIELDS and isinstance(value, str):
        return _('must have a Dutch and an English text, e.g. {nl: "…", en: "…"}')
    if not loc:
        return _(
            "the file must contain a mapping with the keys id, version, name, … (found %(kind)s)"
        ) % {"kind": kind_of(value)}
    return _("must be a mapping, not %(kind)s") % {"kind": kind_of(value)}


def _too_short_message(field: Any) -> str:
    if field == "links":
        return _("a framework needs at least one link")
    if field == "statements":
        return _("a link needs at least one statement")
    return _("must not be empty")


def validate(data: Any) -> list[Problem]:
    """Every problem in a loaded framework document (empty when it is valid)."""
    found: list[Problem] = []
    try:
        FrameworkDocument.model_validate(data)
    except ValidationError as error:
        for item in error.errors(include_url=False):
            path, location, message = _from_pydantic(item, data)
            found.append(Problem(location, message, path=path))
    for path, message in consistency_problems(data):
        location, message = _problem(path, message, data)
        found.append(Problem(location, message, path=path))
    return found


def parse(data: Any) -> FrameworkSpec:
    """Turn a valid document into a spec; raises ``ValueError`` listing the problems."""
    problems = validate(data)
    if problems:
        raise ValueError("\n".join(str(p) for p in problems))
    return FrameworkDocument.model_validate(data).to_spec()


# --- YAML files ---------------------------------------------------------------------


def _node_line(root: yaml.Node | None, path: Loc) -> int | None:
    """The 1-based line of the deepest node along ``path`` (the key's line for keys)."""
    if root is None:
        return None
    node = root
    line = node.start_mark.line
    for part in path:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                    line = key_node.start_mark.line
                    node = value_node
                    break
            else:
                break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(node.value):
                break
            node = node.value[part]
            line = node.start_mark.line
        else:
            break
    return line + 1


def _duplicate_keys(root: yaml.Node | None, data: Any) -> list[Problem]:
    """Keys that appear twice in one mapping (YAML loaders silently keep the last)."""
    problems: list[Problem] = []
    stack: list[tuple[yaml.Node, Loc]] = [(root, ())] if root is not None else []
    visited: set[int] = set()
    while stack:
        node, path = stack.pop()
        if id(node) in visited:  # aliases may point back to an ancestor
            continue
        visited.add(id(node))
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag.endswith(":merge"):
                    continue
                key = key_node.value
                line = key_node.start_mark.line + 1
                if key in seen:
                    location, message = _problem(
                        (*path, key),
                        _("%(key)s appears twice (first on line %(line)d)")
                        % {"key": shown(key), "line": seen[key]},
                        data,
                    )
                    problems.append(Problem(location, message, line=line, path=(*path, key)))
                else:
                    seen[key] = line
                stack.append((value_node, (*path, key)))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, (*path, i)) for i, child in enumerate(node.value))
    return problems


def _yaml_error(exc: yaml.YAMLError) -> Problem:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        detail = "; ".join(part for part in (exc.context, exc.problem) if part)
        return Problem(
            "",
            _("YAML syntax error: %(error)s") % {"error": detail or str(exc)},
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        )
    return Problem("", _("YAML syntax error: %(error)s") % {"error": exc})


def load_string(text: str) -> tuple[FrameworkSpec | None, list[Problem]]:
    """Load a framework from YAML text: ``(spec, [])`` or ``(None, problems)``."""
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as exc:
        if isinstance(exc, yaml.YAMLError):
            return None, [_yaml_error(exc)]
        return None, [Problem("", _("YAML syntax error: %(error)s") % {"error": exc})]
    finally:
        loader.dispose()
    problems = _duplicate_keys(root, data)
    for problem in validate(data):
        problems.append(
            Problem(
                problem.location,
                problem.message,
                line=_node_line(root, problem.path),
                path=problem.path,
            )
        )
    if problems:
        problems.sort(key=lambda p: p.line or 0)
        return None, problems
    return FrameworkDocument.model_validate(data).to_spec(), []


def decode(raw: bytes) -> tuple[str | None, list[Problem]]:
    """Decode file content as UTF-8 (a byte order mark is allowed)."""
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [
            Problem(
                "",
                _("the file is not valid UTF-8 text (byte %(pos)d)") % {"pos": exc.start},
                line=line,
            )
        ]


def load_bytes(raw: bytes) -> tuple[FrameworkSpec | None, list[Problem]]:
    text, problems = decode(raw)
    if text is None:
        return None, problems
    return load_string(text)


def load_file(path: str | Path) -> tuple[FrameworkSpec | None, list[Problem]]:
    """Read, parse and validate a framework YAML file.

    Returns ``(spec, [])`` when the file is valid and ``(None, problems)`` otherwise;
    problems carry YAML line numbers where they can be found.
    """
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return None, [
            Problem("", _("cannot read %(path)s: %(reason)s") % {"path": path, "reason": reason})
        ]
    return load_bytes(raw)
