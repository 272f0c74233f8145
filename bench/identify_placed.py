#!/usr/bin/env python3
"""Identification on the placed-face set through a running `facesearch serve`.

Each placed photo's source image must be left out of the server's gallery; the README's "Face
detection and alignment" section gives the steps (a data folder of symlinks without the sources,
`facesearch index --data` on it, `facesearch serve --index`). Prints top-1 / top-5 of the source
person and request latency.

    python3 bench/identify_placed.py PORT NAME PLACED_FOLDER
"""
import csv
import json
import os
import subprocess
import sys
import time


def main(port, name, folder):
    rows = list(csv.DictReader(open(os.path.join(folder, "placed.tsv")), delimiter="\t"))
    top1 = top5 = noface = 0
    latencies = []
    for row in rows:
        person = os.path.basename(os.path.dirname(row["source"]))
        began = time.time()
        out = subprocess.run(
            ["curl", "-s", "-F", "photo=@" + os.path.join(folder, row["photo"]), "-F", "top=5",
             "http://127.0.0.1:%s/api/query" % port],
            capture_output=True, text=True, check=True).stdout
        latencies.append(time.time() - began)
        answer = json.loads(out)
        if "results" not in answer:
            noface += 1
            continue
        people = [r["identity"] for r in answer["results"]]
        top1 += people[:1] == [person]
        top5 += person in people
    latencies.sort()
    n = len(rows)
    print("%s: %d placed photos, top-1 %.3f, top-5 %.3f, no face %d, request p50 %.0f ms p99 %.0f ms"
          % (name, n, top1 / n, top5 / n, noface, 1000 * latencies[n // 2],
             1000 * latencies[int(n * 0.99)]))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
