"""Read a corpus folder into ``Document``s, reporting every file it does not index.

A bad file never stops the run: it becomes a ``Problem`` (kind ``failed`` for
bad content, ``skipped`` for files that are not texts we read), so the index
summary can say what was left out and why. Only a missing corpus root raises.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from .dates import PartialDate, parse_date
from .document import Document, Passage, Problem
from .errors import CorpusError, QueryError
from .passages import split_paragraphs, split_passages

TEXT_SUFFIXES: frozenset[str] = frozenset(
    {".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl"}
)
_FILETYPES = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
}
TITLE_MAX_CHARS = 200
UNDECODABLE = "cannot decode as UTF-8, UTF-16 or cp1251"


@dataclass(frozen=True)
class SourceFile:
    path: Path  # absolute
    relpath: str  # relative to the corpus root, POSIX separators
    size: int
    mtime_ns: int


class _Failure(Exception):
    """Bad content inside one file or record; becomes a ``Problem``."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


# -- scanning ------------------------------------------------------------------


def scan(
    root: Path | str, *, exclude: Collection[str] = ()
) -> tuple[list[SourceFile], list[Problem]]:
    """Files to read, sorted by relpath, and a ``skipped`` Problem for everything else."""
    base = Path(root).expanduser()
    if not base.exists():
        raise CorpusError(f"corpus folder {str(base)!r} does not exist")
    if not base.is_dir():
        raise CorpusError(f"corpus path {str(base)!r} is not a folder")
    base = base.resolve()
    excluded = {_clean_relpath(e) for e in exclude}
    files: list[SourceFile] = []
    problems: list[Problem] = []
    try:
        root_stat = base.stat()
    except OSError as exc:
        raise CorpusError(f"cannot read corpus folder {str(base)!r}: {exc.strerror}") from None
    seen_dirs = {(root_stat.st_dev, root_stat.st_ino)}

    def walk(folder: Path, prefix: str) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            if not prefix:
                raise CorpusError(
                    f"cannot read corpus folder {str(folder)!r}: {exc.strerror}"
                ) from None
            problems.append(Problem(prefix.rstrip("/"), f"cannot read folder: {exc.strerror}"))
            return
        for entry in entries:
            rel = prefix + entry.name
            if entry.name.startswith("."):
                problems.append(Problem(rel, "hidden", kind="skipped"))
                continue
            if rel in excluded:
                problems.append(Problem(rel, "corpus configuration", kind="skipped"))
                continue
            try:
                st = entry.stat()  # follows symlinks
            except OSError:
                problems.append(Problem(rel, "broken symbolic link", kind="skipped"))
                continue
            if entry.is_dir():
                key = (st.st_dev, st.st_ino)
                if key in seen_dirs:
                    problems.append(Problem(rel, "folder already read (link loop)", kind="skipped"))
                    continue
                seen_dirs.add(key)
                walk(Path(entry.path), rel + "/")
            elif not entry.is_file():
                problems.append(Problem(rel, "not a regular file", kind="skipped"))
            else:
                suffix = Path(entry.name).suffix.lower()
                if suffix in TEXT_SUFFIXES:
                    files.append(SourceFile(Path(entry.path), rel, st.st_size, st.st_mtime_ns))
                elif suffix:
                    problems.append(Problem(rel, f"unknown extension {suffix}", kind="skipped"))
                else:
                    problems.append(Problem(rel, "no file extension", kind="skipped"))

    walk(base, "")
    files.sort(key=lambda f: f.relpath)
    problems.sort(key=lambda p: p.path)
    return files, problems


def _clean_relpath(relpath: str) -> str:
    text = relpath.replace("\\", "/").strip("/")
    while text.startswith("./"):
        text = text[2:]
    return text


def file_digest(path: Path) -> str:
    """SHA-256 of the file's bytes, read in chunks so big files cost no memory."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def doc_id_for(relpath: str, key: str | None = None) -> str:
    """``relpath`` (with extension, so a.txt and a.md differ), plus ``:key`` for records."""
    doc_id = _clean_relpath(relpath)
    if key is not None:
        doc_id += ":" + " ".join(str(key).split())
    return doc_id.replace("#", "%23")  # '#' separates the passage number


# -- reading -------------------------------------------------------------------


def read_corpus(root: Path | str, *, exclude: Collection[str] = ()) -> Iterator[Document | Problem]:
    """Scan problems first, then each file's documents and problems in relpath order."""
    files, problems = scan(root, exclude=exclude)
    yield from problems
    for source in files:
        documents, file_problems = read_file(source)
        yield from documents
        yield from file_problems


def read_file(source: SourceFile) -> tuple[list[Document], list[Problem]]:
    """Read one file; bad content is returned as Problems, never raised."""
    rel = source.relpath
    try:
        data = source.path.read_bytes()
    except OSError as exc:
        return [], [Problem(rel, f"cannot read file: {exc.strerror or exc}")]
    try:
        text = decode_bytes(data)
    except _Failure as failure:
        kind = "skipped" if failure.reason == "binary file" else "failed"
        return [], [Problem(rel, failure.reason, kind=kind)]
    if not text.strip():
        return [], [Problem(rel, "empty file")]
    filetype = _FILETYPES[Path(rel).suffix.lower()]
    try:
        if filetype in ("json", "jsonl"):
            return _read_records(rel, text, filetype)
        if filetype == "md":
            document = _read_markdown(rel, text)
        elif filetype == "html":
            document = _read_html(rel, text)
        else:
            document = _make_document(rel, "txt", _first_paragraph(text), text, {})
    except _Failure as failure:
        return [], [Problem(rel, failure.reason, line=failure.line)]
    return [document], []


def _make_document(
    rel: str, filetype: str, title: str, body: str, fields: dict[str, Any], key: str | None = None
) -> Document:
    passages = [
        Passage(position=i, text=text) for i, text in enumerate(split_passages(body), start=1)
    ]
    if not passages:
        raise _Failure("no text after markup was removed")
    return Document(
        doc_id=doc_id_for(rel, key),
        path=rel,
        title=fields.pop("title", "") or _cap_title(title),
        text=body,
        filetype=filetype,
        passages=passages,
        **fields,
    )


def _first_paragraph(text: str) -> str:
    """The first paragraph: the title line of a one-per-line text, not a wrapped fragment."""
    paragraphs = split_paragraphs(text[:20000])
    return paragraphs[0] if paragraphs else ""


def _first_line(text: str) -> str:
    for line in text.split("\n"):
        if line.strip():
            return line
    return ""


def _cap_title(title: str) -> str:
    title = " ".join(title.split())
    if len(title) <= TITLE_MAX_CHARS:
        return title
    cut = title[:TITLE_MAX_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-") + "…"


# -- decoding ------------------------------------------------------------------

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_CONTROL_BYTES = bytes(sorted(frozenset(range(0, 32)) - {9, 10, 12, 13, 27}))
_NEWLINE = re.compile(r"\r\n?")
# Non-ASCII characters expected in real cp1251 text besides Cyrillic letters.
_CP1251_PUNCT = frozenset("«»—–‘’“”„…№•·°±§©®™€\u00a0\u00ad¦¤µ¶†‡‰‹›")
_WORD = re.compile(r"[^\W\d_]+")


def decode_bytes(data: bytes) -> str:
    """Decode UTF-8 (BOM optional), UTF-16/32 with a BOM, or plausible cp1251; else fail.

    Newlines are normalised to ``\\n`` and control characters other than
    ``\\n`` and ``\\t`` removed. Raises ``_Failure("binary file")`` or
    ``_Failure(UNDECODABLE)``.
    """
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise _Failure(UNDECODABLE) from None
            break
    if text is None:
        head = data[:65536]
        controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
        if b"\x00" in head or controls > 0.05 * len(head):
            raise _Failure("binary file")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_cp1251(data)
    return decode_text(text)


def _decode_cp1251(data: bytes) -> str:
    """cp1251 only when the result reads like Cyrillic text, never as a guess."""
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        raise _Failure(UNDECODABLE) from None
    non_ascii = [ch for ch in text if ord(ch) > 127]
    cyrillic = sum(1 for ch in non_ascii if "\u0400" <= ch <= "\u04ff")
    if cyrillic == 0 or cyrillic + sum(ch in _CP1251_PUNCT for ch in non_ascii) < 0.95 * len(
        non_ascii
    ):
        raise _Failure(UNDECODABLE)
    words = [w for w in _WORD.findall(text) if any("\u0400" <= ch <= "\u04ff" for ch in w)]
    # Latin-1 text read as cp1251 gives Cyrillic letters inside Latin words ("cafй")
    # and random case inside words ("GrцЯe").
    mixed = sum(1 for w in words if re.search(r"[A-Za-z]", w))
    odd_case = sum(1 for w in words if re.search(r"[^\W\d_]", w[1:]) and _odd_case(w))
    if mixed > 0.05 * len(words) or odd_case > 0.1 * len(words):
        raise _Failure(UNDECODABLE)
    return text


def _odd_case(word: str) -> bool:
    return not (word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower()))


# -- metadata ------------------------------------------------------------------

_LIST_FIELDS = {
    "speaker": "speakers",
    "speakers": "speakers",
    "topic": "topics",
    "topics": "topics",
    "country": "countries",
    "countries": "countries",
}
_STRING_FIELDS = {"title": "title", "source": "source", "url": "url"}


def metadata_fields(
    mapping: Mapping[Any, Any], *, where: str, key_lines: Mapping[str, int] | None = None
) -> dict[str, Any]:
    """Map front matter / JSON keys to ``Document`` keyword arguments.

    Known keys fill Document fields (recorded in ``explicit``); the rest go to
    ``extra`` as JSON-safe values. Raises ``_Failure`` naming the bad field.
    """
    fields: dict[str, Any] = {}
    explicit: set[str] = set()
    extra: dict[str, Any] = {}
    role_values: dict[str, Any] = {}
    lines = key_lines or {}

    def fail(key: str, message: str) -> _Failure:
        return _Failure(f"{where} {key!r}: {message}", lines.get(key))

    for raw_key, value in mapping.items():
        key = str(raw_key)
        name = key.strip().lower()
        if value is None or value == "" or value == []:
            continue
        if name in _STRING_FIELDS:
            if isinstance(value, (dict, list)):
                raise fail(key, "must be a single value")
            fields[_STRING_FIELDS[name]] = " ".join(str(_json_safe(value)).split())
            explicit.add(_STRING_FIELDS[name])
        elif name == "date":
            try:
                date: PartialDate = parse_date(value, what=f"{where} {key!r}")
            except QueryError as exc:
                raise _Failure(exc.message, lines.get(key)) from None
            fields["date"] = date
            explicit.add("date")
        elif name in _LIST_FIELDS:
            target = _LIST_FIELDS[name]
            names, roles = _names(value, allow_roles=target == "speakers")
            if names is None:
                raise fail(key, "must be a text or a list of texts")
            fields[target] = _dedupe(fields.get(target, []) + names)
            explicit.add(target)
            if roles:
                role_values.setdefault("_from_speakers", {}).update(roles)
        elif name in ("role", "roles"):
            role_values[name] = value
        else:
            extra[key] = _json_safe(value)
    roles = _assign_roles(fields.get("speakers", []), role_values, extra)
    if roles:
        fields["roles"] = roles
        fields["speakers"] = _dedupe(fields.get("speakers", []) + list(roles))
        explicit.update({"roles", "speakers"})
    fields["explicit"] = explicit
    fields["extra"] = extra
    return fields


def _names(value: Any, *, allow_roles: bool) -> tuple[list[str] | None, dict[str, str]]:
    """A text (split on ';' only: "Tokayev, Kassym-Jomart" is one name) or a list."""
    roles: dict[str, str] = {}
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict) and allow_roles and "name" in item:
            name = " ".join(str(item["name"]).split())
            if name:
                names.append(name)
                if item.get("role"):
                    roles[name] = " ".join(str(item["role"]).split())
            continue
        if isinstance(item, (dict, list)):
            return None, {}
        names.extend(" ".join(part.split()) for part in str(_json_safe(item)).split(";"))
    return [n for n in names if n], roles


def _assign_roles(
    speakers: list[str], given: dict[str, Any], extra: dict[str, Any]
) -> dict[str, str]:
    roles: dict[str, str] = dict(given.pop("_from_speakers", {}))
    for key, value in given.items():
        if isinstance(value, dict):
            roles.update(
                {" ".join(str(k).split()): " ".join(str(v).split()) for k, v in value.items() if v}
            )
        elif isinstance(value, list) and len(value) == len(speakers):
            roles.update(
                {s: " ".join(str(r).split()) for s, r in zip(speakers, value, strict=True) if r}
            )
        elif not isinstance(value, (dict, list)) and len(speakers) == 1:
            roles[speakers[0]] = " ".join(str(value).split())
        else:
            extra[key] = _json_safe(value)  # cannot tell whose role it is
    return {k: v for k, v in roles.items() if k and v}


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _json_safe(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, PartialDate):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_json_safe(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


# -- markdown ------------------------------------------------------------------

_FRONT_MATTER_CLOSE = ("---", "...")
_ATX = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S+")
_INLINE = [
    (re.compile(r"<!--.*?-->", re.S), ""),
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"), ""),
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<!\w)_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])"), r"\1"),
]


def _read_markdown(rel: str, text: str) -> Document:
    fields: dict[str, Any] = {}
    body = text
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        close = next(
            (i for i in range(1, len(lines)) if lines[i].rstrip() in _FRONT_MATTER_CLOSE), None
        )
        if close is None:
            raise _Failure("front matter not closed: no closing '---' line", 1)
        raw = "\n".join(lines[1:close])
        try:
            meta = yaml.safe_load(raw)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 2 if mark is not None else 1
            problem = getattr(exc, "problem", None) or "invalid YAML"
            raise _Failure(f"front matter is not valid YAML: {problem}", line) from None
        if meta is not None and not isinstance(meta, dict):
            raise _Failure("front matter must be 'key: value' lines", 2)
        key_lines: dict[str, int] = {}
        for i, line in enumerate(lines[1:close], start=2):
            match = re.match(r"^([^\s:#][^:]*?)\s*:", line)
            if match:
                key_lines.setdefault(match.group(1).strip("'\""), i)
        fields = metadata_fields(meta or {}, where="front matter", key_lines=key_lines)
        body = "\n".join(lines[close + 1 :])
    clean, heading = markdown_to_text(body)
    if not clean.strip():
        raise _Failure("no text after the front matter" if fields else "empty file")
    return _make_document(rel, "md", heading or _first_line(clean), clean, fields)


def markdown_to_text(markdown: str) -> tuple[str, str]:
    """Readable text of a markdown body, and its first level-1 heading (or '')."""
    out: list[str] = []
    title = ""
    in_fence = False
    lines = markdown.split("\n")
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
            out.append("")
            continue
        if in_fence:
            out.append(line)
            continue
        following = lines[i + 1] if i + 1 < len(lines) else ""
        atx = _ATX.match(line)
        if atx:
            heading = _inline(atx.group(2))
            if atx.group(1) == "#" and not title:
                title = heading
            out.extend(["", heading, ""])
            continue
        if line.strip() and _SETEXT.match(following) and not _RULE.match(line):
            heading = _inline(line.strip())
            if following.strip().startswith("=") and not title:
                title = heading
            out.extend(["", heading, ""])
            continue
        if (_SETEXT.match(line) and out and out[-1] == "") or _RULE.match(line):
            out.append("")
            continue
        if _TABLE_RULE.match(line) and "-" in line or _REF_DEF.match(line):
            continue
        stripped = re.sub(r"^ {0,3}(?:>\s?)+", "", line)
        out.append(_inline(stripped))
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")
    return text, " ".join(title.split())


def _inline(text: str) -> str:
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text


# -- html ----------------------------------------------------------------------

_SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "nav",
        "header",
        "footer",
        "aside",
        "noscript",
        "template",
        "form",
        "head",
        "svg",
        "iframe",
        "object",
        "select",
        "button",
    }
)
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "table",
        "tr",
        "hr",
        "figure",
        "figcaption",
        "address",
        "details",
        "summary",
        "caption",
        "body",
        "center",
    }
)
_VOID_TAGS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
_META_DATE = ("date", "dc.date", "dcterms.date", "article:published_time", "citation_date")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip: list[str] = []
        self.pre = 0
        self.title: str | None = None
        self.in_title = False
        self.h1: str | None = None
        self.h1_parts: list[str] | None = None
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            found = {k.lower(): (v or "") for k, v in attrs}
            name = (found.get("name") or found.get("property") or "").strip().lower()
            if name and found.get("content", "").strip():
                self.meta.setdefault(name, " ".join(found["content"].split()))
            return
        if tag == "title" and self.title is None:
            self.in_title = True
            self.title = ""
            return
        if tag == "body":
            self.skip = [t for t in self.skip if t != "head"]  # an unclosed <head>
        if tag == "h1" and self.h1 is None and self.h1_parts is None:
            self.h1_parts = []
        if tag in _SKIP_TAGS:
            self.skip.append(tag)
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")
        if tag == "pre":
            self.pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag == "h1" and self.h1_parts is not None and self.h1 is None:
            self.h1 = " ".join("".join(self.h1_parts).split())
        if tag in _SKIP_TAGS and tag in self.skip:
            while self.skip and self.skip.pop() != tag:
                pass
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")
        if tag == "pre" and self.pre:
            self.pre -= 1

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title = (self.title or "") + data
            return
        if self.h1_parts is not None and self.h1 is None:
            self.h1_parts.append(data)
        if self.skip:
            return
        self.parts.append(data if self.pre else re.sub(r"\s+", " ", data))


def _read_html(rel: str, text: str) -> Document:
    parser = _TextExtractor()
    parser.feed(text)
    parser.close()
    body = "".join(parser.parts)
    body = "\n".join(line.strip() for line in body.split("\n"))
    body = re.sub(r"\n{3,}", "\n\n", body).strip()
    if not body:
        raise _Failure("no visible text in the page")
    fields: dict[str, Any] = {"explicit": set(), "extra": {}}
    title = " ".join((parser.title or "").split())
    if title:
        fields["title"] = title
        fields["explicit"].add("title")
    for name in _META_DATE:
        value = parser.meta.get(name)
        if not value:
            continue
        try:
            fields["date"] = parse_date(
                value[:10] if re.match(r"\d{4}-\d\d-\d\dT", value) else value
            )
            fields["explicit"].add("date")
        except QueryError:
            fields["extra"]["date"] = value  # page metadata is not ours to reject
        break
    for name in ("author", "description", "keywords"):
        if parser.meta.get(name):
            fields["extra"][name] = parser.meta[name]
    return _make_document(rel, "html", parser.h1 or _first_line(body), body, fields)


# -- json / jsonl --------------------------------------------------------------


def _read_records(rel: str, text: str, filetype: str) -> tuple[list[Document], list[Problem]]:
    documents: list[Document] = []
    problems: list[Problem] = []
    records: list[tuple[int, int | None, Any]] = []  # (record number, line, value)
    if filetype == "jsonl":
        number = 0
        for line_no, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            number += 1
            try:
                records.append((number, line_no, json.loads(line)))
            except json.JSONDecodeError as exc:
                problems.append(Problem(rel, f"invalid JSON: {exc.msg}", line=line_no))
    else:
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            return [], [Problem(rel, f"invalid JSON: {exc.msg}", line=exc.lineno)]
        if isinstance(value, dict):
            records.append((1, None, value))
        elif isinstance(value, list):
            records.extend((i, None, item) for i, item in enumerate(value, start=1))
        else:
            return [], [Problem(rel, "expected a JSON object or a list of objects")]
    seen: dict[str, int] = {}
    for number, rec_line, value in records:
        where = "" if filetype == "jsonl" else f"record {number}: "
        try:
            key = _record_key(value, number)
            if key in seen:
                raise _Failure(f"duplicate id {key!r} (also record {seen[key]})")
            seen[key] = number
            documents.append(_record_document(rel, filetype, value, key))
        except _Failure as failure:
            problems.append(Problem(rel, where + failure.reason, line=rec_line))
    return documents, problems


def _record_key(value: Any, number: int) -> str:
    if not isinstance(value, dict):
        raise _Failure("not a JSON object")
    raw = value.get("id")
    if raw is None or isinstance(raw, (dict, list)) or not str(raw).strip():
        return str(number)
    return " ".join(str(raw).split())


def _record_document(rel: str, filetype: str, value: dict[str, Any], key: str) -> Document:
    body = value.get("text")
    if isinstance(body, list) and all(isinstance(p, str) for p in body):
        body = "\n\n".join(body)
    if not isinstance(body, str):
        raise _Failure("no 'text' string")
    body = decode_text(body)
    if not body.strip():
        raise _Failure("empty 'text'")
    meta = {k: v for k, v in value.items() if k not in ("text", "id")}
    fields = metadata_fields(meta, where="key")
    return _make_document(rel, filetype, _first_line(body), body, fields, key=key)


# C0/C1 control characters except tab and newline, and stray byte-order marks.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff]")


def decode_text(text: str) -> str:
    """The newline and control-character clean-up ``decode_bytes`` applies, for JSON strings."""
    return _CONTROL_CHARS.sub("", _NEWLINE.sub("\n", text))


__all__ = [
    "SourceFile",
    "TEXT_SUFFIXES",
    "TITLE_MAX_CHARS",
    "UNDECODABLE",
    "decode_bytes",
    "doc_id_for",
    "file_digest",
    "markdown_to_text",
    "metadata_fields",
    "read_corpus",
    "read_file",
    "scan",
]
