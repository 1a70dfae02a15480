"""Every Dutch text of the UI has an English translation in locale/en/LC_MESSAGES/django.po.

The msgids are collected as `makemessages` would, without GNU gettext: templates go through
Django's own `templatize()` (which turns {% translate %}, {% blocktranslate %} with its plural,
context and `trimmed`, and _("…") into gettext calls) and Python modules of the project's apps
through `ast` (calls of the functions imported from django.utils.translation). Tests are not
scanned. The catalogue is read with a small parser, so duplicates show up instead of being merged.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.utils.translation.template import templatize

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"

# What each gettext function takes: s(ingular), p(lural), c(ontext), in argument order.
SIGNATURES = {
    "gettext": "s",
    "gettext_lazy": "s",
    "gettext_noop": "s",
    "ngettext": "sp",
    "ngettext_lazy": "sp",
    "pgettext": "cs",
    "pgettext_lazy": "cs",
    "npgettext": "csp",
    "npgettext_lazy": "csp",
}
TEMPLATE_CALLS = {"gettext": "s", "_": "s", "ngettext": "sp", "pgettext": "cs", "npgettext": "csp"}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%%")


@dataclass(frozen=True)
class Msg:
    context: str | None
    msgid: str
    plural: str | None
    where: str


def _message(signature: str, args: list[str | None], where: str) -> Msg | None:
    """A Msg from the literal arguments of one call; None when a text is not a literal."""
    values = dict(zip(signature, args, strict=False))
    if any(values.get(kind) is None for kind in signature):
        return None
    return Msg(values.get("c"), values["s"], values.get("p"), where)


def _template_messages(path: Path) -> list[Msg]:
    """The msgids of a template, from the gettext calls in its templatize() output."""
    source = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    # One call never spans lines; without the indentation tokenize has no blocks to complain about.
    flat = "\n".join(line.lstrip() for line in source.splitlines()) + "\n"
    tokens = [
        t
        for t in tokenize.generate_tokens(io.StringIO(flat).readline)
        if t.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT)
    ]
    name = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name
    found = []
    for i, token in enumerate(tokens[:-1]):
        if token.type != tokenize.NAME or token.string not in TEMPLATE_CALLS:
            continue
        if tokens[i + 1].string != "(":
            continue
        args: list[str | None] = []
        parts: list[tokenize.TokenInfo] = []
        for t in tokens[i + 2 :]:
            if t.string in (",", ")"):
                strings = all(p.type == tokenize.STRING for p in parts) and parts
                args.append("".join(ast.literal_eval(p.string) for p in parts) if strings else None)
                parts = []
                if t.string == ")":
                    break
            else:
                parts.append(t)
        if token.string == "_":
            # _("…") in a template becomes a Variable, which doubles "%" before the lookup.
            args = [a.replace("%", "%%") if a is not None else None for a in args]
        message = _message(TEMPLATE_CALLS[token.string], args, f"{name}:{token.start[0]}")
        if message:
            found.append(message)
    return found


def _python_messages(path: Path) -> list[Msg]:
    """The msgids of the gettext calls with literal texts in a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    functions: dict[str, str] = {}  # local name -> gettext function
    modules: set[str] = set()  # local names of django.utils.translation
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
            functions.update({a.asname or a.name: a.name for a in node.names})
        elif isinstance(node, ast.ImportFrom) and node.module == "django.utils":
            modules.update(a.asname or a.name for a in node.names if a.name == "translation")
    name = path.relative_to(ROOT).as_posix()
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name):
            function = functions.get(func.id)
        elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            function = func.attr if func.value.id in modules else None
        else:
            function = None
        if function not in SIGNATURES:
            continue
        args = [
            a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None
            for a in node.args
        ]
        message = _message(SIGNATURES[function], args, f"{name}:{node.lineno}")
        if message:
            found.append(message)
    return found


def _project_apps() -> list[Path]:
    return sorted(
        Path(config.path)
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(ROOT)
        and not {".venv", "site-packages"} & set(Path(config.path).parts)
    )


@cache
def collect() -> tuple[Msg, ...]:
    found: list[Msg] = []
    template_dirs = [Path(d) for t in settings.TEMPLATES for d in t.get("DIRS", [])]
    template_dirs += [p / "templates" for p in _project_apps()]
    for directory in template_dirs:
        for path in sorted(directory.rglob("*")):
            if path.is_file() and path.suffix in (".html", ".txt"):
                found += _template_messages(path)
    for app in _project_apps():
        for path in sorted(app.rglob("*.py")):
            if not {"migrations", "tests"} & set(path.relative_to(app).parts):
                found += _python_messages(path)
    return tuple(found)


@cache
def read_catalogue() -> tuple[dict, ...]:
    """Entries of the .po file as dicts: line, msgctxt, msgid, msgid_plural, msgstr, msgstr[n]."""
    entries: list[dict] = []
    entry: dict = {}
    field = ""
    for number, raw in enumerate(CATALOGUE.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):  # comments, flags, obsolete entries (#~)
            continue
        if line.startswith('"'):
            entry[field] += ast.literal_eval(line)
            continue
        match = re.fullmatch(r'(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+(".*")', line)
        assert match, f"{CATALOGUE.name}:{number}: cannot read {raw!r}"
        field = match[1]
        if field in ("msgctxt", "msgid") and (
            not entry or any(k.startswith("msgstr") for k in entry)
        ):
            entry = {"line": number}
            entries.append(entry)
        entry[field] = ast.literal_eval(match[2])
    return tuple(e for e in entries if e.get("msgid"))  # without the header


def _translations(entry: dict) -> list[str]:
    return [v for k, v in sorted(entry.items()) if k.startswith("msgstr")]


def test_the_extraction_finds_templates_and_python():
    keys = {(m.msgid, m.plural) for m in collect()}
    assert ("Situatie in de wijken", None) in keys  # {% translate %}
    assert ("%(n)s gebied", "%(n)s gebieden") in keys  # {% blocktranslate count %}
    assert ("95%%-interval %(a)s tot %(b)s", None) in keys  # blocktranslate with a "%"
    assert ("(hele bestand)", None) in keys  # _("…") as a filter argument
    assert ("geheim", None) in keys and ("Ouder", None) in keys  # gettext, gettext_lazy
    assert any(m.plural and ".py:" in m.where for m in collect())  # ngettext


def test_the_template_extraction_handles_context_trimmed_and_percent(tmp_path):
    template = tmp_path / "t.html"
    template.write_text(
        "{% load i18n %}<p>\n  {% translate 'Kort' context 'knop' %}\n"
        "{% blocktranslate trimmed count n=rijen|length context 'tabel' %}\n"
        "  {{ n }} rij\n{% plural %}\n  {{ n }} rijen\n{% endblocktranslate %}\n"
        "{{ x|default:_('100% klaar') }}</p>\n",
        encoding="utf-8",
    )
    assert [(m.context, m.msgid, m.plural) for m in _template_messages(template)] == [
        ("knop", "Kort", None),
        ("tabel", "%(n)s rij", "%(n)s rijen"),
        (None, "100%% klaar", None),
    ]


def test_every_text_has_an_english_translation():
    catalogue = {(e.get("msgctxt"), e["msgid"]): e for e in read_catalogue()}
    uses: dict[tuple[str | None, str, str | None], list[str]] = {}
    for m in collect():
        uses.setdefault((m.context, m.msgid, m.plural), []).append(m.where)
    problems = []
    for (context, msgid, plural), where in uses.items():
        entry = catalogue.get((context, msgid))
        label = f"{where[0]}: {msgid!r}" + (f" (context {context!r})" if context else "")
        if len(where) > 1:
            label += f" (and {len(where) - 1} more)"
        if entry is None:
            problems.append(f"{label} is not in {CATALOGUE.name}")
        elif plural is not None and "msgid_plural" not in entry:
            problems.append(f"{label} is used with a plural, the entry has no msgid_plural")
        elif plural is None and "msgid_plural" in entry:
            problems.append(f"{label} is used without a plural, the entry has msgid_plural")
        elif plural is not None and not {"msgstr[0]", "msgstr[1]"} <= entry.keys():
            problems.append(f"{label} needs msgstr[0] and msgstr[1]")
        elif not all(_translations(entry)):
            problems.append(f"{label} has an empty msgstr ({CATALOGUE.name}:{entry['line']})")
    assert not problems, f"{len(problems)} texts without English:\n" + "\n".join(problems)


def test_no_msgid_twice_in_the_catalogue():
    counts = Counter((e.get("msgctxt"), e["msgid"]) for e in read_catalogue())
    assert not [key for key, n in counts.items() if n > 1]


def test_translations_keep_the_placeholders():
    """A msgstr with an unknown %(name)s or a lone "%" fails at runtime (a blocktranslate then
    silently falls back to Dutch)."""
    wrong = []
    for entry in read_catalogue():
        names = PLACEHOLDER.findall(entry["msgid"] + entry.get("msgid_plural", ""))
        if not names:
            continue
        values = {name: 1 for name in names if name}
        for translation in _translations(entry):
            try:
                _ = translation % values
            except (KeyError, ValueError, TypeError) as error:
                wrong.append(f"{CATALOGUE.name}:{entry['line']}: {translation!r} ({error!r})")
    assert not wrong, "\n".join(wrong)
