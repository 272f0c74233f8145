#!/usr/bin/env python3
"""Regenerates the README's evaluation table from `facesearch evaluate --json` runs.

    python3 bench/evaluation_table.py [--rerun] [--readme README.md] [--results docs/evaluation]
        [MODEL[=LABEL] ...]

Without MODEL arguments the rows are `<results>/rows.txt`'s, one MODEL=LABEL per line: the
README's whole table, so that adding or re-evaluating one model cannot drop the others (edit the
file to add a row).

Each MODEL is what `--model` takes (a bundle folder, `dlib-resnet`, `pixels-64-rgb`). Its
`evaluate --json` output is kept in `<results>/<slug>.json` (with the exact command), and reused
unless --rerun is given or a bundle's weights changed (a built-in name's is reused until --rerun,
and so is a run's whose bundle folder is not on this machine), so the table can be rebuilt without
re-evaluating every model. Each kept result records what its model was trained on. The rows replace whatever stands between the README's
`<!-- evaluation-table -->` and `<!-- /evaluation-table -->` markers, in the order given.

Standard library only; run with any python3 from the repository root.
"""

import argparse
import json
import os
import re
import subprocess
import sys

BEGIN = "<!-- evaluation-table -->"
END = "<!-- /evaluation-table -->"


def slug(model):
    return re.sub(r"[^A-Za-z0-9._-]+", "_", model.strip("./")).strip("_") or "model"


def trained_on(model):
    """What the model learned from, as its bundle records it (or as a built-in name implies)."""
    bundle = os.path.join(model, "model.json")
    if os.path.isfile(bundle):
        with open(bundle) as f:
            meta = json.load(f)
        # A feature model keeps its training record under "training".
        hyper = meta.get("hyperparameters") or meta.get("training", {}).get("hyperparameters", {})
        data = hyper.get("trainingData")
        return data or "LFW peopleDevTrain"
    if model.startswith("pixels-"):
        return "nothing"
    if model.startswith("dlib-resnet"):
        return "outside data (dlib)"
    return "?"


def weights_of(model):
    """A bundle's weights hash, to tell whether a kept result is still this bundle's; None for a
    built-in name (`dlib-resnet`, `pixels-...`), whose kept result is reused until --rerun."""
    bundle = os.path.join(model, "model.json")
    if not os.path.isfile(bundle):
        return None  # built-in names: their id only changes with the code or the weights package
    with open(bundle) as f:
        meta = json.load(f)
    # A fused model is named by its parts' ids and weights.
    parts = meta.get("parts")
    fused = ";".join(f"{p['modelId']}@{p['weight']}" for p in parts) if parts else None
    return meta.get("weightsSha256") or meta.get("projectionSha256") or fused


def evaluate(facesearch, model, results, rerun):
    os.makedirs(results, exist_ok=True)
    path = os.path.join(results, slug(model) + ".json")
    weights = weights_of(model)
    if not rerun and os.path.isfile(path):
        with open(path) as f:
            kept = json.load(f)
        if kept.get("weightsSha256") == weights:
            return kept
        if weights is None and os.sep in model and not os.path.exists(model):
            # A run's bundle outside the repository (runs/...) is gone on a new machine; its kept
            # result still says what it scored, so the table can be rebuilt without it.
            print(f"kept result for {model} (its bundle is not on this machine)", file=sys.stderr)
            return kept
    command = [facesearch, "evaluate", "--model", model, "--json"]
    print("running: " + " ".join(command), file=sys.stderr)
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.exit(f"evaluate failed for {model} (exit {done.returncode}); see its message above")
    result = json.loads(done.stdout)
    kept = {
        "command": " ".join(command),
        "weightsSha256": weights,
        "trainedOn": trained_on(model),
        "evaluation": result,
    }
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(kept, f, indent=1)
    os.replace(tmp, path)
    return kept


def pct(x):
    return f"{100 * x:.2f}%"


def row(model, label, kept):
    e = kept["evaluation"]
    v1, v2 = e["view1"], e["view2"]
    seen = v2.get("trainingOverlap", {}).get("pairsWithSeenPerson", 0)
    star = " *" if seen else ""
    name = label or f"`{model}`"
    return (
        f"| {name} | {kept.get('trainedOn') or trained_on(model)} | {pct(v1['accuracy'])} | "
        f"{pct(v2['accuracy'])} ± {pct(v2['stderr'])}{star} | {v2['auc']:.4f} | "
        f"{pct(v2['tarAtFar']['0.001'])} | {e['ari']['embeddings']:.3f} | "
        f"{100 * e['knn']['top1']:.1f}% / {100 * e['knn']['top5']:.1f}% |"
    )


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "models",
        nargs="*",
        metavar="MODEL[=LABEL]",
        help="the rows, in order; default: one per line of <results>/rows.txt",
    )
    p.add_argument("--facesearch", default="./facesearch")
    p.add_argument("--readme", default="README.md")
    p.add_argument("--results", default="docs/evaluation")
    p.add_argument("--rerun", action="store_true")
    args = p.parse_args()

    lines = [
        "| model (`--model`) | trained on | View 1 | View 2 | AUC | TAR @ FAR 10⁻³ | ARI (min-50) | top-1 / top-5 |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    specs = args.models
    if not specs:
        rows = os.path.join(args.results, "rows.txt")
        if not os.path.isfile(rows):
            sys.exit(f"no MODEL given and no {rows} to read the rows from")
        with open(rows) as f:
            specs = [line.rstrip("\n") for line in f if line.strip()]
    for spec in specs:
        model, _, label = spec.partition("=")
        lines.append(row(model, label, evaluate(args.facesearch, model, args.results, args.rerun)))
    table = "\n".join(lines)
    with open(args.readme) as f:
        text = f.read()
    if BEGIN not in text or END not in text:
        sys.exit(f"{args.readme} has no {BEGIN} ... {END} markers to put the table between")
    start = text.index(BEGIN) + len(BEGIN)
    end = text.index(END)
    text = text[:start] + "\n" + table + "\n" + text[end:]
    tmp = args.readme + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, args.readme)
    print(table)


if __name__ == "__main__":
    main()
