#!/usr/bin/python3
"""PyTorch's side of `facesearch bench speed`: the same network, batch, input and step as DJL's.

ResNet-18 (torchvision, 7x7/2 stem, classifier removed) + TriNet head (Linear 64, ReLU, Linear 64,
L2-normalise) on 64x64 crops; a training step is a batch-hard triplet loss (margin 0.2) on labels
i // 4, backward, Adam (lr 1e-4); an embedding pass is an inference forward copied out to host
floats. Random normal pixels: speed does not depend on content.

It is a worker, so that the Java side can interleave DJL and PyTorch measurements in one run:
it prints one JSON line describing itself, then answers each request line read from stdin,
    train|embed <precision> <batch> <steps>
with one JSON line {"images_per_second": ...}; "quit" or end of input ends it. Precisions:
fp32 (NCHW), fp32-cl (channels-last), bf16 (autocast to bfloat16 + channels-last; for training
the weights and Adam stay fp32), bf16-cast (inference only: weights and inputs cast to bfloat16).

Run it with Debian's python3 (python3-torch, python3-torchvision), not another interpreter.
"""
import json
import sys
import time


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    try:
        import torch
        import torchvision
    except ImportError as e:
        print(json.dumps({"error": "missing " + (e.name or str(e))}), flush=True)
        return 3
    torch.set_num_threads(threads)
    torch.manual_seed(1)

    def network():
        backbone = torchvision.models.resnet18(weights=None)
        backbone.fc = torch.nn.Identity()
        head = torch.nn.Sequential(
            torch.nn.Linear(512, 64), torch.nn.ReLU(), torch.nn.Linear(64, 64))
        return backbone, head

    backbone, head = network()
    model = torch.nn.Sequential(backbone, head)
    print(json.dumps({
        "torch": torch.__version__,
        "torchvision": torchvision.__version__,
        "threads": torch.get_num_threads(),
        "interop_threads": torch.get_num_interop_threads(),
        "backbone_parameters": sum(p.numel() for p in backbone.parameters()),
        "head_parameters": sum(p.numel() for p in head.parameters()),
        "bf16_supported": bool(getattr(torch.backends.mkldnn, "is_available", lambda: False)()),
    }), flush=True)

    def embed(x):
        return torch.nn.functional.normalize(model(x).float(), dim=1)

    def batch_hard(e, labels, margin=0.2):
        d = (e.unsqueeze(1) - e.unsqueeze(0)).pow(2).sum(2).add(1e-12).sqrt()
        same = labels.unsqueeze(1) == labels.unsqueeze(0)
        eye = torch.eye(len(labels), dtype=torch.bool)
        pos = (same & ~eye).float()
        neg = (~same).float()
        both = pos.max(1).values * neg.max(1).values
        hardest_pos = (d * pos).max(1).values
        hardest_neg = (d + (1 - neg) * 1e6).min(1).values
        return ((hardest_pos - hardest_neg + margin).clamp(min=0) * both).sum() / both.sum()

    def layout(precision, x):
        cl = precision != "fp32"
        fmt = torch.channels_last if cl else torch.contiguous_format
        model.to(memory_format=fmt)
        return x.contiguous(memory_format=fmt)

    def train(precision, batch, steps):
        if precision not in ("fp32", "fp32-cl", "bf16"):
            raise ValueError("no training precision " + precision)
        model.float().train()
        optimiser = torch.optim.Adam(model.parameters(), lr=1e-4)
        labels = torch.arange(batch) // 4
        total = 0.0
        for i in range(steps + 1):
            x = layout(precision, torch.randn(batch, 3, 64, 64))
            t0 = time.perf_counter()
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=precision == "bf16"):
                e = embed(x)
            loss = batch_hard(e, labels)
            optimiser.zero_grad(set_to_none=True)
            loss.backward()
            optimiser.step()
            loss.item()
            if i > 0:
                total += time.perf_counter() - t0
        return batch * steps / total

    def infer(precision, batch, steps):
        if precision not in ("fp32", "fp32-cl", "bf16", "bf16-cast"):
            raise ValueError("no embedding precision " + precision)
        model.float().eval()
        if precision == "bf16-cast":
            model.to(torch.bfloat16)
        total = 0.0
        with torch.inference_mode():
            for i in range(steps + 1):
                x = torch.randn(batch, 3, 64, 64)
                x = layout(precision, x)
                t0 = time.perf_counter()
                if precision == "bf16-cast":
                    x = x.to(torch.bfloat16)
                with torch.autocast("cpu", dtype=torch.bfloat16, enabled=precision == "bf16"):
                    embed(x).numpy()
                if i > 0:
                    total += time.perf_counter() - t0
        model.float()
        return batch * steps / total

    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "quit":
            break
        try:
            kind, precision, batch, steps = words[0], words[1], int(words[2]), int(words[3])
            run = {"train": train, "embed": infer}[kind]
            print(json.dumps({"images_per_second": run(precision, batch, steps)}), flush=True)
        except (KeyError, IndexError, ValueError) as e:
            print(json.dumps({"error": "bad request '" + line.strip() + "': " + str(e)}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
