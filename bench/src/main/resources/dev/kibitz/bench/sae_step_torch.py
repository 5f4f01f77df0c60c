"""The PyTorch side of Kibitz's sae-step benchmark: the same ReLU-L1 SAE step as SaeTrainer.

Per step: draw a minibatch from a row pool (as the shuffle buffer does), scale it, encode
f = relu((x - b_dec) W_enc + b_enc), decode, loss = mean ||x_hat - x||^2 + l1 * mean sum_i f_i ||W_dec,i||,
autograd, remove the decoder gradient's component along each row, Adam, renormalise decoder rows,
count fired features. Warms up, prints "ready", then per stdin line N runs N steps and prints
their elapsed nanoseconds.
"""
import argparse
import sys
import time

import torch


def main():
    a = argparse.ArgumentParser()
    for name, kind in (("batch", int), ("d", int), ("width", int), ("l1", float), ("lr", float),
                       ("warmup", int), ("threads", int)):
        a.add_argument("--" + name, type=kind, required=True)
    args = a.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    b, d, m = args.batch, args.d, args.width
    pool = torch.randn(4 * b, d)
    scale = (d / pool.pow(2).sum(1).mean()).sqrt().item()
    w_dec = torch.randn(m, d)
    w_dec /= w_dec.norm(dim=1, keepdim=True)
    w_enc = (w_dec.t() * 0.1).contiguous().requires_grad_()
    w_dec.requires_grad_()
    b_enc = torch.zeros(m, requires_grad=True)
    b_dec = (pool.mean(0) * scale).requires_grad_()
    opt = torch.optim.Adam([w_enc, b_enc, w_dec, b_dec], lr=args.lr, betas=(0.9, 0.999), eps=1e-8)

    def step():
        x = pool[torch.randint(0, pool.shape[0], (b,))] * scale
        f = torch.relu((x - b_dec) @ w_enc + b_enc)
        x_hat = f @ w_dec + b_dec
        norms = w_dec.norm(dim=1)
        rec = (x_hat - x).pow(2).sum(1).mean()
        loss = rec + args.l1 * (f @ norms).mean()
        opt.zero_grad()
        loss.backward()
        with torch.no_grad():
            g = w_dec.grad
            g -= (g * w_dec).sum(1, keepdim=True) * w_dec
            opt.step()
            w_dec.div_(w_dec.norm(dim=1, keepdim=True))
            fired = (f > 0).float().sum(0)
        return loss.item(), fired

    for _ in range(args.warmup):
        step()
    print("ready", flush=True)
    for line in sys.stdin:
        n = int(line)
        t0 = time.perf_counter_ns()
        for _ in range(n):
            loss, _ = step()
        elapsed = time.perf_counter_ns() - t0
        print(f"torch round: {elapsed / n / 1e6:.1f} ms/step, loss {loss:.4f}", file=sys.stderr, flush=True)
        print(elapsed, flush=True)


if __name__ == "__main__":
    main()
