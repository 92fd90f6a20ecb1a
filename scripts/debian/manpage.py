#!/usr/bin/env python3
"""Writes tonghop's manual page (man(7), UTF-8) from the command definitions, as the program itself
describes them (`tonghop --experimental-dump-help`, swift-argument-parser's JSON). swift-argument-parser's
own generate-manual drops every character that is not ASCII, which leaves Vietnamese unreadable.
usage: manpage.py TONGHOP VERSION DATE > tonghop.1"""
import json
import subprocess
import sys

program, version, date = sys.argv[1:4]
tree = json.loads(subprocess.run([program, "--experimental-dump-help"], check=True, capture_output=True, text=True).stdout)["command"]


def text(value):
    """Text for a man page line: backslashes escaped, no line starting with a control character."""
    lines = []
    for line in (value or "").replace("\\", "\\e").splitlines():
        lines.append("\\&" + line if line.startswith((".", "'")) else line)
    return "\n".join(lines)


def usage(argument):
    names = [("--" if n["kind"] == "long" else "-") + n["name"] for n in argument.get("names", [])]
    value = argument.get("valueName", "")
    if argument["kind"] == "positional":
        shown = f"\\fI{value}\\fR"
    elif argument["kind"] == "option":
        shown = ", ".join(f"\\fB{n}\\fR \\fI{value}\\fR" for n in names)
    else:
        shown = ", ".join(f"\\fB{n}\\fR" for n in names)
    return shown + (" ..." if argument.get("isRepeating") else "")


def names(argument):
    return {n["name"] for n in argument.get("names", [])}


def arguments(command, common=frozenset()):
    """The command's own arguments; the global options every command takes are described once."""
    out = []
    for argument in command.get("arguments", []):
        if not argument.get("shouldDisplay", True) or names(argument) & ({"help", "version"} | common) \
                or argument.get("valueName") == "subcommand":
            continue
        out += [".TP", usage(argument), text(argument.get("abstract", ""))]
        if argument.get("discussion"):
            out.append(text(argument["discussion"]))
    return out


page = [f'.TH TONGHOP 1 "{date}" "tonghop {version}" "Hướng dẫn sử dụng tonghop"',
        ".SH TÊN", f"tonghop \\- {text(tree['abstract'])}",
        ".SH CÚ PHÁP", "\\fBtonghop\\fR [\\fItùy chọn chung\\fR] \\fIlệnh\\fR [\\fItùy chọn của lệnh\\fR]",
        ".SH MÔ TẢ", text(tree.get("discussion", "")).replace("\n", "\n.br\n"),
        ".SH TÙY CHỌN CHUNG"] + arguments(tree) + [".SH CÁC LỆNH"]
common = set().union(*(names(a) for a in tree.get("arguments", [])))
for command in tree.get("subcommands", []):
    if not command.get("shouldDisplay", True) or command["commandName"] == "help":
        continue
    page += [".SS " + command["commandName"], text(command.get("abstract", ""))]
    if command.get("discussion"):
        page += [".PP", text(command["discussion"])]
    page += arguments(command, common)
page += [".SH XEM THÊM", "/usr/share/doc/tonghop/HUONG\\-DAN.md.gz (hướng dẫn đầy đủ bằng tiếng Việt)."]
print("\n".join(page))
