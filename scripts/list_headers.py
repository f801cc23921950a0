#!/usr/bin/env python3
"""Prints every public header as an include path (erpoll/time/date_format.hpp), one a line, sorted."""
import pathlib

include = pathlib.Path(__file__).resolve().parent.parent / "include"
for header in sorted(include.rglob("*.hpp")):
    print(header.relative_to(include).as_posix())
