#!/usr/bin/env python3
"""Lists the methods and constructors of main code whose body is longer than a limit (default 40 lines).

Usage: tools/long_methods.py [--limit N] [--raw] [DIR...]   (default: every module's src/main/java)

A brace counter, not a parser: comments, strings, text blocks and char literals are blanked first, then every '{'
whose header (the text since the last ';', '{' or '}') ends in ')' or a throws clause, and does not start with a
statement keyword, a lambda arrow or 'new', and declares no type (a record's header), opens a method; so does a
record's compact constructor ('public Name {'). Body lines are the lines between its braces, blank lines and
comment-only lines left out (with --raw, every line between the braces). A method is marked 'kept' when one of the
three lines above its body holds 'reads best whole': the reason in a comment for leaving it long.
"""
import argparse
import pathlib
import re
import sys

KEYWORDS = {"if", "for", "while", "switch", "catch", "synchronized", "try", "do", "else", "return", "new", "throw"}
HEADER_END = re.compile(r"\)\s*(throws\s+[\w.,\s<>]+)?$")
NAME = re.compile(r"([A-Za-z_$][\w$]*)\s*\($")
COMPACT_CONSTRUCTOR = re.compile(r"^(@\w+\s+)*((public|protected|private)\s+)?([A-Z]\w*[a-z]\w*)$")


def blank(source):
    """The source with comments and literals replaced by spaces, newlines kept, so line numbers stay right."""
    out = []
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if source.startswith("//", i):
            j = source.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif source.startswith("/*", i):
            j = source.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", source[i:j]))
            i = j
        elif source.startswith('"""', i):
            j = source.find('"""', i + 3)
            j = n if j < 0 else j + 3
            out.append(re.sub(r"[^\n]", " ", source[i:j]))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and source[j] != c:
                j += 2 if source[j] == "\\" else 1
            out.append(" " * (j + 1 - i))
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def methods(path, raw=False):
    """(name, first line, body lines) of every method and constructor in the file."""
    source = path.read_text(encoding="utf-8")
    original = source.split("\n")
    code = blank(source)
    stack = []  # per open brace: (name or None, line)
    header_start = 0
    found = []
    line = 1
    for i, c in enumerate(code):
        if c == "\n":
            line += 1
        elif c == "{":
            header = " ".join(code[header_start:i].split())
            name = None
            if HEADER_END.search(header) and "->" not in header and "=" not in header.split("(")[0]:
                head = header[:header.index("(") + 1] if "(" in header else header
                first = head.split()[0] if head.split() else ""
                match = NAME.search(head)
                declares_type = re.search(r"\b(record|class|interface|enum)\s", head)
                if match and not declares_type and first not in KEYWORDS and match.group(1) not in KEYWORDS:
                    name = match.group(1)
            compact = COMPACT_CONSTRUCTOR.match(header)
            if compact:
                name = compact.group(4)
            stack.append((name, line))
            header_start = i + 1
        elif c == "}":
            name, start = stack.pop() if stack else (None, line)
            if name:
                body = [text for text in (code.split("\n")[start:line - 1]) if raw or text.strip()]
                found.append((name, start, len(body), original[max(0, start - 3):start]))
            header_start = i + 1
        elif c == ";":
            header_start = i + 1
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--raw", action="store_true")
    parser.add_argument("dirs", nargs="*")
    args = parser.parse_args()
    root = pathlib.Path(__file__).resolve().parent.parent
    dirs = [pathlib.Path(d) for d in args.dirs] or sorted(root.glob("*/src/main/java"))
    rows = []
    for directory in dirs:
        for path in sorted(directory.rglob("*.java")):
            for name, start, length, above in methods(path, args.raw):
                if length > args.limit:
                    kept = any("reads best whole" in text for text in above)
                    rows.append((length, f"{path.relative_to(root) if path.is_absolute() else path}:{start}",
                                 name, "kept" if kept else ""))
    for length, where, name, kept in sorted(rows, reverse=True):
        print(f"{length:4d}  {where}  {name}  {kept}".rstrip())
    print(f"{len(rows)} methods over {args.limit} body lines", file=sys.stderr)


if __name__ == "__main__":
    main()
