"""Validate framework files and turn them into :class:`FrameworkSpec` objects (no ORM).

:func:`validate` reports *every* problem in a loaded document, each with its location
(``links[2].statements[0].text``); :func:`load_file` adds YAML line numbers. The file
format is documented in ``ritsen/frameworks/data/ritsen-9.yaml``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext as _

from ritsen.frameworks.spec import LANGS, FrameworkSpec

BUILTIN_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_FRAMEWORK_SLUG = "ritsen-9"
DEFAULT_FRAMEWORK_PATH = BUILTIN_DIR / f"{DEFAULT_FRAMEWORK_SLUG}.yaml"

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")
STATEMENT_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")

SLUG_MAX_LENGTH = 50  # SlugField default
NAME_MAX_LENGTH = 200  # Framework.name_nl / name_en
KEY_MAX_LENGTH = 50
STATEMENT_ID_MAX_LENGTH = 20
MAX_VERSION = 2_147_483_647  # PositiveIntegerField on every supported database

TOP_KEYS = {"id", "version", "name", "description", "scale", "thresholds", "links"}
TOP_REQUIRED = ("id", "version", "name", "scale", "thresholds", "links")
SCALE_KEYS = {"min", "max", "labels"}
SCALE_REQUIRED = ("min", "max")
THRESHOLD_KEYS = ("strong", "weak", "gap", "min_respondents", "min_answered")
LINK_KEYS = {"id", "key", "name", "question", "description", "weight", "statements"}
LINK_REQUIRED = ("id", "key", "name", "question", "statements")
STATEMENT_KEYS = {"id", "text", "reverse"}
STATEMENT_REQUIRED = ("id", "text")

Loc = tuple[str | int, ...]  # mapping keys are str, list indexes are int


@dataclass(frozen=True)
class Problem:
    """One problem in a framework file, e.g. ``line 14, links[2].name: …``."""

    location: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        prefix = []
        if self.line is not None:
            prefix.append(_("line %(line)d") % {"line": self.line})
            if self.column is not None:
                prefix.append(_("column %(column)d") % {"column": self.column})
        if self.location:
            prefix.append(self.location)
        return f"{', '.join(prefix)}: {self.message}" if prefix else self.message


def format_location(path: Loc) -> str:
    """``("links", 2, "name")`` -> ``links[2].name``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


# --- type helpers -------------------------------------------------------------------


def _type_name(value: Any) -> str:
    if value is None:
        return _("nothing (null)")
    if isinstance(value, bool):
        return _("a boolean")
    if isinstance(value, int):
        return _("an integer")
    if isinstance(value, float | Decimal):
        return _("a number")
    if isinstance(value, str):
        return _("a string")
    if isinstance(value, Mapping):
        return _("a mapping")
    if isinstance(value, list | tuple):
        return _("a list")
    return _("a value of type %(type)s") % {"type": type(value).__name__}


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return False
    return math.isfinite(value) if isinstance(value, float) else True


def _dec(value: int | float | Decimal) -> Decimal:
    return Decimal(str(value))


def _fmt(value: Any) -> str:
    return str(value)


def _missing_translation(lang: str) -> str:
    if lang == "nl":
        return _("missing Dutch translation (nl)")
    return _("missing English translation (en)")


def _empty_translation(lang: str) -> str:
    if lang == "nl":
        return _("empty Dutch translation (nl)")
    return _("empty English translation (en)")


# --- the validator ------------------------------------------------------------------


class _Validator:
    def __init__(self) -> None:
        self.issues: list[tuple[Loc, str]] = []

    def add(self, path: Loc, message: str) -> None:
        self.issues.append((path, message))

    # generic checks

    def mapping(
        self, value: Any, path: Loc, allowed: set[str] | tuple[str, ...], required: tuple
    ) -> bool:
        """Check that ``value`` is a mapping with known keys; report missing keys."""
        if not isinstance(value, Mapping):
            self.add(path, _("must be a mapping, not %(type)s") % {"type": _type_name(value)})
            return False
        allowed_list = ", ".join(sorted(allowed))
        for key in value:
            if key not in allowed:
                self.add(
                    (*path, str(key)),
                    _("unknown key %(key)r; allowed keys are: %(allowed)s")
                    % {"key": str(key), "allowed": allowed_list},
                )
        for key in required:
            if key not in value:
                self.add(path, _("missing required key %(key)r") % {"key": key})
        return True

    def integer(self, value: Any, path: Loc) -> bool:
        if isinstance(value, bool):
            self.add(path, _("must be an integer, not a boolean (true/false)"))
            return False
        if not _is_int(value):
            self.add(path, _("must be an integer, not %(type)s") % {"type": _type_name(value)})
            return False
        return True

    def number(self, value: Any, path: Loc) -> bool:
        if isinstance(value, bool):
            self.add(path, _("must be a number, not a boolean (true/false)"))
            return False
        if isinstance(value, float) and not math.isfinite(value):
            self.add(path, _("must be a finite number"))
            return False
        if not _is_number(value):
            self.add(path, _("must be a number, not %(type)s") % {"type": _type_name(value)})
            return False
        return True

    def text(self, value: Any, path: Loc, max_length: int | None = None) -> None:
        """A translated text: exactly the keys ``nl`` and ``en``, both non-empty strings."""
        if not isinstance(value, Mapping):
            if isinstance(value, str):
                message = _('must have a Dutch and an English translation, e.g. {nl: "…", en: "…"}')
            else:
                message = _("must be a mapping with the translations nl and en, not %(type)s") % {
                    "type": _type_name(value)
                }
            self.add(path, message)
            return
        for key in value:
            if key not in LANGS:
                self.add(
                    (*path, str(key)),
                    _("unsupported language %(lang)r; only nl and en are allowed")
                    % {"lang": str(key)},
                )
        for lang in LANGS:
            if lang not in value:
                self.add(path, _missing_translation(lang))
                continue
            text = value[lang]
            if not isinstance(text, str):
                self.add(
                    (*path, lang),
                    _("must be a string, not %(type)s") % {"type": _type_name(text)},
                )
            elif not text.strip():
                self.add((*path, lang), _empty_translation(lang))
            elif max_length is not None and len(text.strip()) > max_length:
                self.add(
                    (*path, lang),
                    _("is too long: at most %(max)d characters") % {"max": max_length},
                )

    def optional_text(self, data: Mapping, key: str, path: Loc) -> None:
        if key in data:
            self.text(data[key], (*path, key))

    # the document

    def document(self, data: Any) -> None:
        if not self.mapping(data, (), TOP_KEYS, TOP_REQUIRED):
            return
        if "id" in data:
            self.slug(data["id"], ("id",))
        if "version" in data:
            self.version(data["version"], ("version",))
        if "name" in data:
            self.text(data["name"], ("name",), max_length=NAME_MAX_LENGTH)
        self.optional_text(data, "description", ())
        scale = self.scale(data["scale"]) if "scale" in data else None
        if "thresholds" in data:
            self.thresholds(data["thresholds"], scale)
        if "links" in data:
            self.links(data["links"])

    def slug(self, value: Any, path: Loc) -> None:
        if not isinstance(value, str):
            self.add(path, _("must be a string, not %(type)s") % {"type": _type_name(value)})
        elif not SLUG_RE.match(value):
            self.add(
                path,
                _(
                    "%(value)r is not a valid identifier: use lowercase letters, digits "
                    "and hyphens, e.g. ritsen-9"
                )
                % {"value": value},
            )
        elif len(value) > SLUG_MAX_LENGTH:
            self.add(path, _("is too long: at most %(max)d characters") % {"max": SLUG_MAX_LENGTH})

    def version(self, value: Any, path: Loc) -> None:
        if not self.integer(value, path):
            return
        if value < 1:
            self.add(path, _("must be a positive integer (1 or more)"))
        elif value > MAX_VERSION:
            self.add(path, _("is too large"))

    def scale(self, value: Any) -> tuple[int, int] | None:
        """Check the scale; return (min, max) if both bounds are usable."""
        path: Loc = ("scale",)
        if not self.mapping(value, path, SCALE_KEYS, SCALE_REQUIRED):
            return None
        lo = value.get("min")
        hi = value.get("max")
        ok_lo = "min" in value and self.integer(lo, (*path, "min"))
        ok_hi = "max" in value and self.integer(hi, (*path, "max"))
        if not (ok_lo and ok_hi):
            bounds = None
        elif lo >= hi:
            self.add(
                path,
                _("min (%(min)s) must be less than max (%(max)s)") % {"min": lo, "max": hi},
            )
            bounds = None
        else:
            bounds = (lo, hi)
        if "labels" in value:
            self.scale_labels(value["labels"], (*path, "labels"), bounds)
        return bounds

    def scale_labels(self, labels: Any, path: Loc, bounds: tuple[int, int] | None) -> None:
        if not isinstance(labels, Mapping):
            self.add(
                path,
                _("must be a mapping from scale point to label, not %(type)s")
                % {"type": _type_name(labels)},
            )
            return
        for point, label in labels.items():
            point_path = (*path, str(point))
            if not _is_int(point):
                self.add(
                    point_path,
                    _("%(value)r is not a scale point: label keys must be integers")
                    % {"value": point},
                )
            elif bounds and not bounds[0] <= point <= bounds[1]:
                self.add(
                    point_path,
                    _("scale point %(point)s is outside the scale %(min)s–%(max)s")
                    % {"point": point, "min": bounds[0], "max": bounds[1]},
                )
            self.text(label, point_path)

    def thresholds(self, value: Any, bounds: tuple[int, int] | None) -> None:
        path: Loc = ("thresholds",)
        if not self.mapping(value, path, set(THRESHOLD_KEYS), THRESHOLD_KEYS):
            return
        numbers: dict[str, Decimal] = {}
        for key in ("strong", "weak", "gap"):
            if key in value and self.number(value[key], (*path, key)):
                numbers[key] = _dec(value[key])
        if bounds:
            lo, hi = bounds
            for key in ("strong", "weak"):
                if key in numbers and not lo <= numbers[key] <= hi:
                    self.add(
                        (*path, key),
                        _("%(value)s is outside the scale %(min)s–%(max)s")
                        % {"value": _fmt(value[key]), "min": lo, "max": hi},
                    )
            if "gap" in numbers and numbers["gap"] > hi - lo:
                self.add(
                    (*path, "gap"),
                    _("%(value)s is larger than the width of the scale (%(width)s)")
                    % {"value": _fmt(value["gap"]), "width": hi - lo},
                )
        if "strong" in numbers and "weak" in numbers and numbers["weak"] >= numbers["strong"]:
            self.add(
                (*path, "weak"),
                _("weak (%(weak)s) must be below strong (%(strong)s)")
                % {"weak": _fmt(value["weak"]), "strong": _fmt(value["strong"])},
            )
        if "gap" in numbers and numbers["gap"] <= 0:
            self.add((*path, "gap"), _("must be greater than 0"))
        if "min_respondents" in value:
            key_path = (*path, "min_respondents")
            if self.integer(value["min_respondents"], key_path) and value["min_respondents"] < 1:
                self.add(key_path, _("must be at least 1"))
        if "min_answered" in value:
            key_path = (*path, "min_answered")
            if self.number(value["min_answered"], key_path) and not (
                0 < _dec(value["min_answered"]) <= 1
            ):
                self.add(
                    key_path,
                    _("must be a fraction greater than 0 and at most 1, e.g. 0.5"),
                )

    def links(self, links: Any) -> None:
        path: Loc = ("links",)
        if not isinstance(links, list):
            self.add(path, _("must be a list of links, not %(type)s") % {"type": _type_name(links)})
            return
        if not links:
            self.add(path, _("must contain at least one link"))
            return
        seen_ids: dict[Any, Loc] = {}
        seen_keys: dict[str, Loc] = {}
        seen_statements: dict[str, Loc] = {}
        for index, link in enumerate(links):
            link_path: Loc = (*path, index)
            if not self.mapping(link, link_path, LINK_KEYS, LINK_REQUIRED):
                continue
            if "id" in link:
                id_path = (*link_path, "id")
                if self.integer(link["id"], id_path):
                    if link["id"] < 1:
                        self.add(id_path, _("must be a positive integer (1 or more)"))
                    self._unique(link["id"], id_path, seen_ids, _("duplicate link id %(value)s"))
            if "key" in link:
                self.link_key(link["key"], (*link_path, "key"), seen_keys)
            if "name" in link:
                self.text(link["name"], (*link_path, "name"))
            if "question" in link:
                self.text(link["question"], (*link_path, "question"))
            self.optional_text(link, "description", link_path)
            if "weight" in link:
                weight_path = (*link_path, "weight")
                if self.number(link["weight"], weight_path) and link["weight"] <= 0:
                    self.add(weight_path, _("must be greater than 0"))
            if "statements" in link:
                self.statements(link["statements"], (*link_path, "statements"), seen_statements)

    def link_key(self, key: Any, path: Loc, seen: dict) -> None:
        if not isinstance(key, str):
            self.add(path, _("must be a string, not %(type)s") % {"type": _type_name(key)})
        elif not KEY_RE.match(key):
            self.add(
                path,
                _(
                    "%(value)r is not a valid key: start with a lowercase letter and use only "
                    "lowercase letters, digits and underscores, e.g. business_case"
                )
                % {"value": key},
            )
        elif len(key) > KEY_MAX_LENGTH:
            self.add(path, _("is too long: at most %(max)d characters") % {"max": KEY_MAX_LENGTH})
        else:
            self._unique(key, path, seen, _("duplicate link key %(value)r"))

    def statements(self, statements: Any, path: Loc, seen: dict[str, Loc]) -> None:
        if not isinstance(statements, list):
            self.add(
                path,
                _("must be a list of statements, not %(type)s") % {"type": _type_name(statements)},
            )
            return
        if not statements:
            self.add(path, _("a link must have at least one statement"))
            return
        for index, statement in enumerate(statements):
            st_path: Loc = (*path, index)
            if not self.mapping(statement, st_path, STATEMENT_KEYS, STATEMENT_REQUIRED):
                continue
            if "id" in statement:
                self.statement_id(statement["id"], (*st_path, "id"), seen)
            if "text" in statement:
                self.text(statement["text"], (*st_path, "text"))
            if "reverse" in statement and not isinstance(statement["reverse"], bool):
                self.add(
                    (*st_path, "reverse"),
                    _("must be true or false, not %(type)s")
                    % {"type": _type_name(statement["reverse"])},
                )

    def statement_id(self, value: Any, path: Loc, seen: dict[str, Loc]) -> None:
        if _is_number(value):
            self.add(
                path,
                _(
                    'must be a quoted string such as "%(value)s": YAML reads an unquoted '
                    "%(value)s as a number"
                )
                % {"value": value},
            )
        elif not isinstance(value, str):
            self.add(path, _("must be a string, not %(type)s") % {"type": _type_name(value)})
        elif not STATEMENT_ID_RE.match(value):
            self.add(
                path,
                _(
                    "%(value)r is not a valid statement id: use letters, digits, dots, "
                    'hyphens and underscores, e.g. "1.1"'
                )
                % {"value": value},
            )
        elif len(value) > STATEMENT_ID_MAX_LENGTH:
            self.add(
                path,
                _("is too long: at most %(max)d characters") % {"max": STATEMENT_ID_MAX_LENGTH},
            )
        else:
            self._unique(value, path, seen, _("duplicate statement id %(value)r"))

    def _unique(self, value: Any, path: Loc, seen: dict, message: str) -> None:
        if value in seen:
            self.add(
                path,
                message % {"value": value}
                + " "
                + _("(also used at %(other)s)") % {"other": format_location(seen[value])},
            )
        else:
            seen[value] = path


def _issues(data: Any) -> list[tuple[Loc, str]]:
    validator = _Validator()
    validator.document(data)
    return validator.issues


def validate(data: Any) -> list[Problem]:
    """Every problem in a loaded framework document (empty list when it is valid)."""
    return [Problem(format_location(path), message) for path, message in _issues(data)]


# --- parsing ------------------------------------------------------------------------


def _text(value: Mapping) -> dict[str, str]:
    return {lang: value[lang].strip() for lang in LANGS}


def normalise(data: Mapping) -> dict[str, Any]:
    """Valid document -> the dict shape of :meth:`FrameworkSpec.to_dict`."""
    scale: dict[str, Any] = {"min": data["scale"]["min"], "max": data["scale"]["max"]}
    labels = data["scale"].get("labels")
    if labels:
        scale["labels"] = {str(k): _text(v) for k, v in sorted(labels.items())}
    t = data["thresholds"]
    return {
        "id": data["id"],
        "version": data["version"],
        "name": _text(data["name"]),
        "description": _text(data["description"]) if "description" in data else None,
        "scale": scale,
        "thresholds": {
            "strong": str(_dec(t["strong"])),
            "weak": str(_dec(t["weak"])),
            "gap": str(_dec(t["gap"])),
            "min_respondents": t["min_respondents"],
            "min_answered": str(_dec(t["min_answered"])),
        },
        "links": [
            {
                "id": link["id"],
                "key": link["key"],
                "name": _text(link["name"]),
                "question": _text(link["question"]),
                "description": _text(link["description"]) if "description" in link else None,
                "weight": str(_dec(link.get("weight", 1))),
                "statements": [
                    {
                        "id": s["id"],
                        "text": _text(s["text"]),
                        "reverse": bool(s.get("reverse", False)),
                    }
                    for s in link["statements"]
                ],
            }
            for link in data["links"]
        ],
    }


def parse(data: Any) -> FrameworkSpec:
    """Turn a valid document into a spec; raises ``ValueError`` listing the problems."""
    problems = validate(data)
    if problems:
        raise ValueError("\n".join(str(p) for p in problems))
    return FrameworkSpec.from_dict(normalise(data))


# --- YAML files ---------------------------------------------------------------------


def _node_line(root: yaml.Node | None, path: Loc) -> int | None:
    """The 1-based line of the deepest node along ``path`` (the key's line for keys)."""
    if root is None:
        return None
    node = root
    line = node.start_mark.line
    for part in path:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == part:
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


def _duplicate_keys(root: yaml.Node | None) -> list[Problem]:
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
                    problems.append(
                        Problem(
                            format_location((*path, key)),
                            _("duplicate key %(key)r (first defined on line %(line)d)")
                            % {"key": key, "line": seen[key]},
                            line=line,
                        )
                    )
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
    except yaml.YAMLError as exc:
        return None, [_yaml_error(exc)]
    finally:
        loader.dispose()
    if not isinstance(data, Mapping):
        line = root.start_mark.line + 1 if root is not None else None
        return None, [
            Problem(
                "",
                _(
                    "the file must contain a mapping with the keys id, version, name, … "
                    "(found %(type)s)"
                )
                % {"type": _type_name(data)},
                line=line,
            )
        ]
    problems = _duplicate_keys(root) + [
        Problem(format_location(path), message, line=_node_line(root, path))
        for path, message in _issues(data)
    ]
    if problems:
        problems.sort(key=lambda p: p.line or 0)
        return None, problems
    return FrameworkSpec.from_dict(normalise(data)), []


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
