#!/usr/bin/env python3
"""Write a C file that holds the casus templates, so amm works without being installed."""
import os
import sys

out, files = sys.argv[1], sys.argv[2:]
with open(out, "w", encoding="utf-8") as f:
    f.write("/* Generated from templates/ at build time. */\n")
    f.write('#include "template.h"\n\n')
    f.write("const struct amm_template amm_templates[] = {\n")
    for path in files:
        data = open(path, "rb").read()
        literal = "".join(
            "\\%03o" % b if b < 32 or b > 126 or b in (34, 92, 63) else chr(b) for b in data
        )
        f.write('\t{"%s", "%s", %d},\n' % (os.path.basename(path), literal, len(data)))
    f.write("\t{0, 0, 0},\n};\n")
