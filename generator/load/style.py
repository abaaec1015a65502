"""The tidiness rules of .yamllint.yml, checked by `casebook validate` itself with exact positions.

The pull request's checks run yamllint with the project's .yamllint.yml; these
are the same rules as that file sets them (tests/unit/test_style.py holds a
fixture per rule and runs both), so what `casebook validate --strict` accepts
the checks accept too. Problems a clerk's editor or input method makes
(a full-width colon 「：」, a tab, a full-width space) are named as such, on
their own line and column, before YAML's own, vaguer error.

`fix_text` repairs what can be repaired without changing a value: spaces at
line ends, the final newline, Windows line endings, blank lines at the end.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import yaml

from generator.core.errors import Diagnostic
from generator.model.messages import diag, field_name_hint

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

MAX_BLANK_LINES = 2  # empty-lines: max 2, none at the start or the end
TRUTHY = {
    "YES",
    "Yes",
    "yes",
    "NO",
    "No",
    "no",
    "TRUE",
    "True",
    "FALSE",
    "False",
    "ON",
    "On",
    "on",
    "OFF",
    "Off",
    "off",
}  # truthy: only `true` and `false` are allowed
# a field name (records' keys are ASCII: title, zh-TW, as_of) followed by a full-width colon
_KEY_WITH_FULL_WIDTH_COLON = re.compile(r"^([ \t\u3000]*(?:-[ \t]+)?)([A-Za-z][A-Za-z0-9_-]*)[ \t]*：")
# a field name typed in Chinese, then a full-width colon: YAML cannot read the line at all
_CHINESE_KEY_WITH_FULL_WIDTH_COLON = re.compile(
    r"^([ \t]*(?:-[ \t]+)?)([^\x00-\x7f\s：「『（《][^\s：:#]{0,15}?)[ \t\u3000]*："
)
_ASCII_KEY = re.compile(r"^([ \t]*(?:-[ \t]+)?)[A-Za-z_][A-Za-z0-9_-]*[ \t]*[:：]")
_BLOCK_SCALAR = re.compile(r"[:-][ \t]*[|>][-+0-9]*[ \t]*(?:#.*)?$")


def style_problems(display: str, text: str) -> list[Diagnostic]:
    """Every style problem of a file's text (already decoded, byte-order mark removed)."""
    problems = _line_problems(display, text)
    problems += input_method_problems(display, text)
    try:
        problems += _token_problems(display, text)
    except yaml.YAMLError:
        pass  # the loader reports the syntax error itself
    return problems


def _line_problems(display: str, text: str) -> list[Diagnostic]:
    problems = []
    lines = text.split("\n")
    if "\r\n" in text:
        first = lines[0]
        problems.append(diag(display, 1, len(first), "crlf-line-endings", hint_key="fix-crlf"))
    stripped = [line.removesuffix("\r") for line in lines]
    if text and not text.endswith("\n"):
        problems.append(
            diag(display, len(lines), len(stripped[-1]) + 1, "missing-final-newline", hint_key="fix-final-newline")
        )
    body = stripped[:-1] if text.endswith("\n") else stripped
    blank = 0
    for number, line in enumerate(body, 1):
        trimmed = line.rstrip(" \t")
        if trimmed != line:
            problems.append(diag(display, number, len(trimmed) + 1, "trailing-spaces", hint_key="fix-whitespace"))
        if trimmed:
            if blank and (blank > MAX_BLANK_LINES or blank == number - 1):
                allowed = 0 if blank == number - 1 else MAX_BLANK_LINES
                problems.append(
                    diag(
                        display,
                        number - 1,
                        1,
                        "too-many-blank-lines",
                        count=blank,
                        allowed=allowed,
                        hint_key="fix-whitespace",
                    )
                )
            blank = 0
            if "#" in line:
                problems += _comment_problems(display, number, line)
        else:
            blank += 1
    if blank and body:
        problems.append(
            diag(display, len(body), 1, "too-many-blank-lines", count=blank, allowed=0, hint_key="fix-whitespace")
        )
    return problems


def _comment_problems(display: str, number: int, line: str) -> list[Diagnostic]:
    """comments: a space after '#', and two before a comment that follows content."""
    index = _comment_start(line)
    if index < 0:
        return []
    problems = []
    after = line[index + 1 : index + 2]
    if after not in ("", " ", "#") and not (number == 1 and after == "!"):
        problems.append(
            diag(
                display,
                number,
                index + 2,
                "comment-spacing",
                severity="warning",
                problem="missing starting space in comment",
                problem_zh="註解的「#」後面要有一個空格",
            )
        )
    before = line[:index]
    if before.strip() and len(before) - len(before.rstrip(" ")) < 2:
        problems.append(
            diag(
                display,
                number,
                index + 1,
                "comment-spacing",
                severity="warning",
                problem="too few spaces before comment",
                problem_zh="註解前面要有兩個空格",
            )
        )
    return problems


def _comment_start(line: str) -> int:
    """Where a comment starts in a line, or -1: a '#' at the start or after a space, outside quotes."""
    quote = ""
    escaped = False
    for index, char in enumerate(line):
        if quote:
            if escaped:
                escaped = False
            elif char == "\\" and quote == '"':
                escaped = True
            elif char == quote:
                quote = ""
        elif char in "'\"" and (index == 0 or line[index - 1] in " :[{,-"):
            quote = char
        elif char == "#" and (index == 0 or line[index - 1] in " \t"):
            return index
    return -1


def _lines_outside_block_text(text: str) -> Iterator[tuple[int, str, str]]:
    """(number, line, the line without its indentation) for each line that is neither a comment nor
    inside a block scalar (`story: |`: prose, not keys)."""
    block_indent = -1
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.lstrip(" \t\u3000")
        indent = len(line) - len(stripped)
        if block_indent >= 0:
            if not stripped.strip() or indent > block_indent:
                continue
            block_indent = -1
        if _BLOCK_SCALAR.search(line.rstrip("\r")):
            block_indent = indent
        if not stripped.startswith("#"):
            yield number, line, stripped


def input_method_problems(display: str, text: str) -> list[Diagnostic]:
    """A full-width colon after a key, a tab or full-width space in the indentation: each on its own line and column."""
    problems: list[Diagnostic] = []
    if "：" not in text and "\t" not in text and "\u3000" not in text:
        return problems
    for number, line, stripped in _lines_outside_block_text(text):
        match = _KEY_WITH_FULL_WIDTH_COLON.match(line) if "：" in line else None
        if match and ":" not in line[: match.end()]:
            problems.append(
                diag(
                    display,
                    number,
                    match.end(),
                    "full-width-colon",
                    key=match.group(2).strip(),
                    hint_key="fix-full-width-colon",
                )
            )
        indent = len(line) - len(stripped)
        for col, char in enumerate(line[:indent], 1):
            if char == "\t":
                problems.append(diag(display, number, col, "tab-character", hint_key="fix-tab"))
                break
            if char == "\u3000":
                problems.append(diag(display, number, col, "full-width-space", hint_key="fix-full-width-space"))
                break
        else:
            if "\t" in line[indent:] and _tab_breaks_yaml(line[indent:]):
                problems.append(
                    diag(display, number, indent + line[indent:].index("\t") + 1, "tab-character", hint_key="fix-tab")
                )
    return problems


def chinese_key_problems(display: str, text: str) -> list[Diagnostic]:
    """Lines like `狀態：published` beside other fields (same indentation as the field above):
    a field name in Chinese with a full-width colon. Only asked when YAML could not read the
    file, since such a line inside a multi-line text is prose."""
    problems: list[Diagnostic] = []
    sibling_indent = -1  # indentation of the last line that was an ASCII field name
    for number, line, stripped in _lines_outside_block_text(text):
        if not stripped.strip():
            continue
        key = _ASCII_KEY.match(line)
        if key:
            sibling_indent = len(key.group(1))
            continue
        match = _CHINESE_KEY_WITH_FULL_WIDTH_COLON.match(line)
        if match and len(match.group(1)) == sibling_indent:
            name = match.group(2)
            problems.append(
                diag(display, number, len(match.group(1)) + 1, "chinese-field-name", name=name, **field_name_hint(name))
            )
    return problems


def repair_input_method(text: str) -> str:
    """The text with a full-width colon after a key made ': ', and tabs and full-width spaces
    in the indentation made two spaces: what `input_method_problems` names, repaired."""
    lines = []
    for line in text.split("\n"):
        match = _KEY_WITH_FULL_WIDTH_COLON.match(line)
        if match and not line.lstrip().startswith("#") and ":" not in line[: match.end()]:
            rest = line[match.end() :]
            line = (
                line[: match.end() - 1].rstrip(" ")
                + ":"
                + ("" if not rest.strip() or rest[:1] in " \r" else " ")
                + rest
            )
        indent = len(line) - len(line.lstrip(" \t\u3000"))
        line = line[:indent].replace("\t", "  ").replace("\u3000", "  ") + line[indent:]
        lines.append(line)
    return "\n".join(lines)


def _tab_breaks_yaml(rest: str) -> bool:
    """A tab between a key's colon (or a list's dash) and its value: YAML refuses it there."""
    return bool(re.match(r"^(?:-\t|[^\t'\"]*:\t*\t)", rest)) or rest.startswith("-\t")


# -- yamllint's token rules: colons, commas, hyphens, braces, brackets, indentation, truthy --------

_SCALAR, _KEY, _VALUE, _ENTRY = yaml.ScalarToken, yaml.KeyToken, yaml.ValueToken, yaml.BlockEntryToken
_FLOW_OPEN = (yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)
_FLOW_CLOSE = (yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)
_BLOCK_START = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken)


def _token_problems(display: str, text: str) -> list[Diagnostic]:
    tokens = list(yaml.scan(text, Loader=_Loader))
    problems = []
    stack: list[tuple[str, int]] = []  # open block collections: (kind, column)
    sequences_indented: bool | None = None
    last = len(tokens) - 1
    for index, token in enumerate(tokens):
        kind = type(token)
        if kind is _KEY:
            continue
        if kind is _SCALAR:
            if token.plain and token.value in TRUTHY and type(tokens[index - 1]) is not _KEY:
                mark = token.start_mark
                problems.append(
                    diag(display, mark.line + 1, mark.column + 1, "truthy-value", severity="warning", value=token.value)
                )
            continue
        prev = tokens[index - 1] if index else None
        nxt = tokens[index + 1] if index < last else None
        if kind is _VALUE:
            if prev is not None and nxt is not None:
                if _gap_before(token, prev) > 0 and not isinstance(prev, (_KEY, _ENTRY)):
                    problems.append(
                        _spacing(
                            display,
                            token,
                            "colon-spacing",
                            "too many spaces before colon",
                            "冒號前面不能有空格",
                            before=True,
                            prev=prev,
                        )
                    )
                if _gap_after(token, nxt) > 1:
                    problems.append(
                        _spacing(
                            display, token, "colon-spacing", "too many spaces after colon", "冒號後面只能有一個空格"
                        )
                    )
            continue
        if kind is yaml.FlowEntryToken:
            problems += _comma_problems(display, token, prev, nxt)
            continue
        if kind in _FLOW_OPEN and nxt is not None:
            limit = 1 if kind is yaml.FlowMappingStartToken else 0
            if _gap_after(token, nxt) > limit and not isinstance(nxt, _FLOW_CLOSE):
                problems.append(_brace(display, token, limit, "after"))
            continue
        if kind in _FLOW_CLOSE and prev is not None:
            limit = 1 if kind is yaml.FlowMappingEndToken else 0
            if _gap_before(token, prev) > limit and not isinstance(prev, _FLOW_OPEN):
                problems.append(_brace(display, token, limit, "before", prev))
            continue
        # indentation: 2 spaces a level; lists under a key either all indented or none
        if kind in _BLOCK_START:
            problems += _block_indentation(display, token, stack, sequences_indented)
            if kind is yaml.BlockSequenceStartToken and stack and stack[-1][0] == "map" and sequences_indented is None:
                sequences_indented = True
            stack.append(("map" if kind is yaml.BlockMappingStartToken else "seq", token.start_mark.column))
        elif kind is yaml.BlockEndToken and stack:
            stack.pop()
        elif kind is _ENTRY:
            line, col = token.start_mark.line + 1, token.start_mark.column + 1
            if nxt is not None and _gap_after(token, nxt) > 1:
                problems.append(diag(display, line, col + 2, "hyphen-spacing"))
            if stack and stack[-1][0] == "map":
                # a list at the same column as its key (no BlockSequenceStart): "not indented"
                if sequences_indented is True:
                    problems.append(
                        diag(
                            display,
                            line,
                            col,
                            "bad-indentation",
                            found=col - 1,
                            expected=col + 1,
                            hint_key="fix-indentation",
                        )
                    )
                sequences_indented = False if sequences_indented is None else sequences_indented
    return problems


def _block_indentation(display: str, token, stack: list, sequences_indented: bool | None) -> list[Diagnostic]:
    is_seq = type(token) is yaml.BlockSequenceStartToken
    column = token.start_mark.column
    expected = 0
    if stack:
        parent_kind, parent_col = stack[-1]
        if parent_kind == "seq" and not is_seq:
            return []  # a mapping as a list item sits after "- " (the hyphens rule)
        expected = parent_col if is_seq and parent_kind == "map" and sequences_indented is False else parent_col + 2
    if column == expected:
        return []
    return [
        diag(
            display,
            token.start_mark.line + 1,
            column + 1,
            "bad-indentation",
            found=column,
            expected=expected,
            hint_key="fix-indentation",
        )
    ]


def _comma_problems(display: str, token, prev, nxt) -> list[Diagnostic]:
    if prev is None or nxt is None:
        return []
    problems = []
    if _gap_before(token, prev) > 0:
        problems.append(
            _spacing(
                display,
                token,
                "comma-spacing",
                "too many spaces before comma",
                "逗號前面不能有空格",
                before=True,
                prev=prev,
            )
        )
    gap = _gap_after(token, nxt)
    if gap == 0 and token.end_mark.line == nxt.start_mark.line and not isinstance(nxt, _FLOW_CLOSE):
        problems.append(_spacing(display, token, "comma-spacing", "too few spaces after comma", "逗號後面要有一個空格"))
    elif gap > 1:
        problems.append(
            _spacing(display, token, "comma-spacing", "too many spaces after comma", "逗號後面只能有一個空格")
        )
    return problems


def _gap_before(token, prev) -> int:
    if prev.end_mark.line != token.start_mark.line:
        return 0
    return token.start_mark.column - prev.end_mark.column


def _gap_after(token, nxt) -> int:
    if isinstance(nxt, (yaml.StreamEndToken, yaml.BlockEndToken)) or token.end_mark.line != nxt.start_mark.line:
        return 0
    return nxt.start_mark.column - token.end_mark.column


def _spacing(display, token, code, problem, problem_zh, *, before=False, prev=None) -> Diagnostic:
    mark = prev.end_mark if before else token.end_mark
    extra = 0 if before or problem.startswith("too few") else 1
    return diag(display, mark.line + 1, mark.column + 1 + extra, code, problem=problem, problem_zh=problem_zh)


def _brace(display, token, limit, where, prev=None) -> Diagnostic:
    name = "braces" if isinstance(token, (yaml.FlowMappingStartToken, yaml.FlowMappingEndToken)) else "brackets"
    zh = "大括號" if name == "braces" else "中括號"
    problem = f"too many spaces inside {name}"
    problem_zh = f"{zh}裡面{'最多只能有一個空格' if limit else '不能有空格'}"
    mark = token.end_mark if where == "after" else prev.end_mark
    return diag(
        display, mark.line + 1, mark.column + 1 + limit, "bracket-spacing", problem=problem, problem_zh=problem_zh
    )


# -- --fix ----------------------------------------------------------------------------------


def fix_text(text: str) -> tuple[str, list[str]]:
    """The text with what can be fixed safely fixed, and what was fixed (English words for the log)."""
    done = []
    fixed = repair_input_method(text)
    if fixed != text:
        done.append("full-width colons and tabs")
    if "\r\n" in fixed or "\r" in fixed:
        fixed = fixed.replace("\r\n", "\n").replace("\r", "\n")
        done.append("line endings")
    lines = fixed.split("\n")
    trimmed = [line.rstrip(" \t") for line in lines]
    if trimmed != lines:
        done.append("trailing spaces")
    fixed = "\n".join(trimmed)
    body = fixed.rstrip("\n")
    if body and fixed != body + "\n":
        done.append("final newline" if not fixed.endswith("\n") else "blank lines at the end")
        fixed = body + "\n"
    return fixed, done
