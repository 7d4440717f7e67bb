#!/usr/bin/python3
# tests/check-catalog.py HEADER CATALOG — every MESSAGE_ID that georepd
# logs (the GR_MESSAGE_* of HEADER, service/gr-log.h) has exactly one
# entry in the journal catalog CATALOG (data/georepd.catalog), and the
# catalog holds no other id; then journalctl itself compiles the catalog
# in a scratch root and lists every id, so a syntax error fails too.
import os
import re
import shutil
import subprocess
import sys
import tempfile

header, catalog = sys.argv[1], sys.argv[2]
logged = set(re.findall(r'#define GR_MESSAGE_\w+ "([0-9a-f]{32})"',
                        open(header).read()))
entries = re.findall(r'^-- ([0-9a-f]{32})$', open(catalog).read(), re.M)
failed = False
if not logged:
    print("no GR_MESSAGE_* found in", header)
    failed = True
for id_ in sorted(logged - set(entries)):
    print("logged but not in the catalog:", id_)
    failed = True
for id_ in sorted(set(entries) - logged):
    print("in the catalog but never logged:", id_)
    failed = True
for id_ in sorted({e for e in entries if entries.count(e) > 1}):
    print("twice in the catalog:", id_)
    failed = True

with tempfile.TemporaryDirectory() as root:
    catdir = os.path.join(root, "usr/lib/systemd/catalog")
    os.makedirs(catdir)
    os.makedirs(os.path.join(root, "var/lib/systemd/catalog"))
    shutil.copy(catalog, os.path.join(catdir, "georepd.catalog"))
    subprocess.run(["journalctl", "--root", root, "--update-catalog"],
                   check=True)
    listed = subprocess.run(["journalctl", "--root", root, "--list-catalog"],
                            check=True, capture_output=True, text=True).stdout
    compiled = set(re.findall(r'^([0-9a-f]{32}) ', listed, re.M))
    for id_ in sorted(logged - compiled):
        print("journalctl did not compile:", id_)
        failed = True

print("%d message ids, %d catalog entries" % (len(logged), len(entries)))
sys.exit(1 if failed else 0)
