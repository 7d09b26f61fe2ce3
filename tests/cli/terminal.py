#!/usr/bin/env python3
"""What a terminal receives from a command, and whether it is safe to show.

terminal.py run FILE COMMAND...  runs COMMAND with standard output and standard error on a
    pseudo-terminal (standard input /dev/null), writes every byte the terminal received to
    FILE and exits with the command's exit code; a command that takes longer than 60 s is
    killed (exit 124).
terminal.py clean FILE  exits 1 and names what it found when FILE holds a control character a
    terminal acts on (ESC, BEL, CSI and the other C0 and C1 controls, DEL), a bidi control
    or a byte that is not UTF-8; a CR before LF (the pseudo-terminal's, or a
    calendar's line end) is allowed.
"""
import os
import pty
import re
import select
import signal
import sys
import time

BIDI = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def run(path, argv):
    pid, fd = pty.fork()
    if pid == 0:
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.execvp(argv[0], argv)
    data, deadline = bytearray(), time.monotonic() + 60
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return 124
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the command closed the terminal
            break
        if not chunk:
            break
        data += chunk
    os.close(fd)
    _, status = os.waitpid(pid, 0)
    with open(path, "wb") as f:
        f.write(data)
    return os.waitstatus_to_exitcode(status)


def clean(path):
    data = re.sub(rb"\r+\n", b"\n", open(path, "rb").read())
    text = data.decode("utf-8", "surrogateescape")
    found = set()
    for ch in text:
        cp = ord(ch)
        if 0xDC80 <= cp <= 0xDCFF:
            found.add("byte 0x%02X (not UTF-8)" % (cp - 0xDC00))
        elif (cp < 0x20 and ch not in "\n\t") or 0x7F <= cp <= 0x9F or cp in BIDI:
            found.add("U+%04X" % cp)
    if found:
        print("the terminal received: " + ", ".join(sorted(found)))
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "run":
        sys.exit(run(sys.argv[2], sys.argv[3:]))
    if len(sys.argv) == 3 and sys.argv[1] == "clean":
        sys.exit(clean(sys.argv[2]))
    sys.exit("usage: terminal.py run FILE COMMAND... | terminal.py clean FILE")
