#!/usr/bin/env python3
"""Check the layers of lib/ as lib/README.md describes them.

Usage: layers.py ROOT. Reads the table of layers and the list of libgit2 users in
ROOT/lib/README.md and the #include lines of ROOT/lib/*.[ch] and ROOT/cmd/*.[ch]. Prints one
line per broken rule and exits 1; exits 0 when every rule holds.
"""

import os
import re
import sys

ROW = re.compile(r"^\|\s*(\d+)\s+(\w+)\s*\|([^|]*)\|")
NAME = re.compile(r"`([^`]+)`")
INCLUDE = re.compile(r'^\s*#\s*include\s+([<"])([^>"]+)[>"]', re.M)
GIT = "git2.h"


def readme(path):
    """The layer (number, name) of each file, and the libgit2 users."""
    layers, git, in_git = {}, set(), False
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = ROW.match(line)
            if m:
                for name in NAME.findall(m.group(3)):
                    layers[name] = (int(m.group(1)), m.group(2))
            if line.startswith("libgit2 users:"):
                in_git = True
                line = line.split(":", 1)[1]
            elif not line.strip():
                in_git = False
            if in_git:
                git.update(NAME.findall(line))
    git.discard("<" + GIT + ">")
    return layers, git


def includes(path):
    """The headers path includes: (local "..." names, system <...> names)."""
    with open(path, encoding="utf-8") as f:
        found = INCLUDE.findall(f.read())
    return [n for q, n in found if q == '"'], [n for q, n in found if q == "<"]


def sources(d):
    return sorted(n for n in os.listdir(d) if n.endswith((".c", ".h")))


def module(name):
    """history_walk.c and history_priv.h belong to the module history."""
    return re.sub(r"(_[a-z]+)?\.[ch]$", "", name)


def cycle(graph):
    """A cycle of the module graph as a list of modules, or None."""
    state = {}

    def visit(m, path):
        state[m] = 1
        for n in sorted(graph.get(m, ())):
            if state.get(n) == 1:
                return path[path.index(n):] + [n]
            if n not in state:
                found = visit(n, path + [n])
                if found:
                    return found
        state[m] = 2
        return None

    for m in sorted(graph):
        if m not in state:
            found = visit(m, [m])
            if found:
                return found
    return None


def check(root):
    lib = os.path.join(root, "lib")
    layers, git = readme(os.path.join(lib, "README.md"))
    files = sources(lib)
    errors = []
    local, system = {}, {}
    for name in files:
        local[name], system[name] = includes(os.path.join(lib, name))
        if name not in layers:
            errors.append(f"lib/{name}: not in the table of layers of lib/README.md")
    for name in sorted(set(layers) - set(files)):
        errors.append(f"lib/README.md: names {name}, which is not in lib/")

    # Which headers bring libgit2 in, directly or through another header.
    carries = {n: GIT in system[n] for n in files}
    changed = True
    while changed:
        changed = False
        for n in files:
            if not carries[n] and any(carries.get(h, False) for h in local[n]):
                carries[n] = changed = True

    graph = {}
    for name in files:
        mine = layers.get(name)
        for h in local[name]:
            if h not in layers:
                if h not in files:
                    errors.append(f'lib/{name}: includes "{h}", which is not in lib/')
                continue
            if mine is not None and layers[h][0] > mine[0]:
                errors.append(
                    f'lib/{name}: includes "{h}" of layer {layers[h][0]} {layers[h][1]}, '
                    f"above its own layer {mine[0]} {mine[1]}")
            if module(h) != module(name):
                graph.setdefault(module(name), set()).add(module(h))
        if name not in git:
            why = [f"<{GIT}>"] if GIT in system[name] else []
            why += [f'"{h}"' for h in local[name] if carries.get(h, False)]
            for w in why:
                errors.append(f"lib/{name}: includes {w}, which brings in libgit2; only "
                              "the libgit2 users of lib/README.md may")
    found = cycle(graph)
    if found:
        errors.append("lib/: the modules include each other in a cycle: " + " -> ".join(found))

    cmd = os.path.join(root, "cmd")
    for name in sources(cmd) if os.path.isdir(cmd) else []:
        loc, sys_ = includes(os.path.join(cmd, name))
        why = [f"<{GIT}>"] if GIT in sys_ else []
        why += [f'"{h}"' for h in loc if carries.get(h, False)]
        for w in why:
            errors.append(f"cmd/{name}: includes {w}, which brings in libgit2; cmd/ uses lib/'s "
                          "public headers only")
    return errors


def main():
    if len(sys.argv) != 2:
        print("usage: layers.py ROOT", file=sys.stderr)
        return 2
    errors = check(sys.argv[1])
    for e in errors:
        print(e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
