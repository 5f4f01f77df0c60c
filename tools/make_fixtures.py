#!/usr/bin/env python3
"""Makes the model packages committed under fixtures/packages/ (seeded; rerun to reproduce).

    /usr/bin/python3 tools/make_fixtures.py [--out fixtures/packages]

* maze-resconv-small: an IMPALA-like residual conv policy like the maze agent's (conv, max-pool,
  two residual blocks per stage; ReLU, dense, policy and value heads), small sizes, input [3,25,25].
* maze-resconv-bench: the same architecture at the zoo's ResidualConvPolicy.MAZE sizes
  (16/32/32 channels, 256 hidden units), for the torchscript-forward benchmark.
* tiny-transformer: a pre-LN transformer block stack over 64 board-square tokens (int64 input),
  whose blocks also return their attention pattern as a read-only extra capture point.
"""

import argparse
import os
import sys

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from export_kibitz_package import Edit, TensorDecl, export_package  # noqa: E402


class ResidualBlock(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv0 = nn.Conv2d(c, c, 3, padding=1)
        self.conv1 = nn.Conv2d(c, c, 3, padding=1)

    def forward(self, x):
        return x + self.conv1(torch.relu(self.conv0(torch.relu(x))))


class ImpalaStage(nn.Module):
    def __init__(self, c_in, c):
        super().__init__()
        self.conv = nn.Conv2d(c_in, c, 3, padding=1)
        self.pool = nn.MaxPool2d(3, stride=2, padding=1)
        self.res0 = ResidualBlock(c)
        self.res1 = ResidualBlock(c)

    def forward(self, x):
        return self.res1(self.res0(self.pool(self.conv(x))))


class Trunk(nn.Module):
    def __init__(self, features, hidden):
        super().__init__()
        self.fc = nn.Linear(features, hidden)

    def forward(self, x):
        return torch.relu(self.fc(torch.flatten(torch.relu(x), 1)))


class Heads(nn.Module):
    def __init__(self, hidden, actions):
        super().__init__()
        self.policy = nn.Linear(hidden, actions)
        self.value = nn.Linear(hidden, 1)

    def forward(self, x):
        return self.policy(x), self.value(x)


class ResConvPolicy(nn.Module):
    def __init__(self, channels=(16, 32, 32), hidden=256, actions=5, grid=25):
        super().__init__()
        stages, c_in, side = [], 3, grid
        for c in channels:
            stages.append(ImpalaStage(c_in, c))
            c_in, side = c, (side + 1) // 2
        self.stages = nn.Sequential(*stages)
        self.trunk = Trunk(c_in * side * side, hidden)
        self.heads = Heads(hidden, actions)

    def forward(self, obs):
        return self.heads(self.trunk(self.stages(obs)))


class Block(nn.Module):
    """Pre-LN transformer block; returns (residual stream, attention pattern [heads, seq, seq])."""

    def __init__(self, d, heads, mlp):
        super().__init__()
        self.heads = heads
        self.ln1 = nn.LayerNorm(d)
        self.qkv = nn.Linear(d, 3 * d)
        self.proj = nn.Linear(d, d)
        self.ln2 = nn.LayerNorm(d)
        self.mlp = nn.Sequential(nn.Linear(d, mlp), nn.GELU(), nn.Linear(mlp, d))

    def forward(self, x):
        b, s, d = x.shape
        q, k, v = self.qkv(self.ln1(x)).view(b, s, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4).unbind(0)
        pattern = torch.softmax(q @ k.transpose(-1, -2) / (d // self.heads) ** 0.5, dim=-1)
        x = x + self.proj((pattern @ v).transpose(1, 2).reshape(b, s, d))
        return x + self.mlp(self.ln2(x)), pattern


class Embed(nn.Module):
    def __init__(self, vocab, seq, d):
        super().__init__()
        self.tokens = nn.Embedding(vocab, d)
        self.position = nn.Parameter(torch.randn(seq, d) * 0.1)

    def forward(self, board):
        return self.tokens(board) + self.position


class BoardHeads(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.ln = nn.LayerNorm(d)
        self.policy = nn.Linear(d, 1)
        self.value = nn.Linear(d, 1)

    def forward(self, x):
        x = self.ln(x)
        return self.policy(x).squeeze(-1), torch.tanh(self.value(x.mean(1)))


class BoardTransformer(nn.Module):
    def __init__(self, vocab=13, seq=64, d=32, heads=2, mlp=64, layers=2):
        super().__init__()
        self.embed = Embed(vocab, seq, d)
        self.blocks = nn.ModuleList([Block(d, heads, mlp) for _ in range(layers)])
        self.heads = BoardHeads(d)

    def forward(self, board):
        x = self.embed(board)
        for block in self.blocks:
            x, _ = block(x)
        return self.heads(x)


def resconv(out_dir, name, channels, hidden, description, seed):
    torch.manual_seed(seed)
    model = ResConvPolicy(channels, hidden)
    g = torch.Generator().manual_seed(seed + 1)
    obs = (torch.rand(4, 3, 25, 25, generator=g) < 0.3).float()
    spatial = ["channel", "row", "col"]
    n = len(channels)
    stage_names = [f"stages.{i}" for i in range(n)] + ["trunk", "heads"]
    edits = [
        Edit("add-channel-vector", "stages.1", "add", torch.randn(channels[1], generator=g), coefficient=2.0),
        Edit("zero-channels", f"stages.{n - 1}", "set", torch.tensor(0.0), channels=[0, 3, 5]),
        Edit("add-features", "trunk", "add", torch.randn(hidden, generator=g), coefficient=0.5),
    ]
    export_package(
        model, stage_names, os.path.join(out_dir, name), name,
        inputs=[TensorDecl("obs", "float32", [3, 25, 25], spatial, "observation planes: walls, mouse, cheese")],
        outputs=[TensorDecl("logits", "float32", [5], ["action"], "action logits: up, down, left, right, no-op"),
                 TensorDecl("value", "float32", [1], ["value"], "state value estimate")],
        reference_inputs={"obs": obs}, description=description,
        axes={**{f"stages.{i}": spatial for i in range(n)}, "trunk": ["feature"]},
        descriptions={**{f"stages.{i}": f"residual stream after IMPALA stage {i}" for i in range(n)},
                      "trunk": "dense features after ReLU, shared by both heads"},
        edits=edits, provenance={"script": "tools/make_fixtures.py", "seed": seed})


def transformer(out_dir, seed):
    torch.manual_seed(seed)
    model = BoardTransformer()
    g = torch.Generator().manual_seed(seed + 1)
    board = torch.randint(0, 13, (3, 64), generator=g)
    tokens = ["square", "d_model"]
    name = "tiny-transformer"
    export_package(
        model, ["embed", "blocks.0", "blocks.1", "heads"], os.path.join(out_dir, name), name,
        inputs=[TensorDecl("board", "int64", [64], ["square"], "piece code per square, 0 = empty, 1-12 pieces")],
        outputs=[TensorDecl("square_logits", "float32", [64], ["square"], "one logit per square"),
                 TensorDecl("value", "float32", [1], ["value"], "tanh value estimate")],
        reference_inputs={"board": board},
        description="2-layer pre-LN transformer over 64 square tokens (d_model 32, 2 heads), random weights",
        axes={"embed": tokens, "blocks.0": tokens, "blocks.1": tokens,
              "blocks.0.attn_pattern": ["head", "query", "key"], "blocks.1.attn_pattern": ["head", "query", "key"]},
        descriptions={"embed": "token + position embedding", "blocks.0": "residual stream after block 0",
                      "blocks.1": "residual stream after block 1",
                      "blocks.0.attn_pattern": "block 0 attention pattern (read-only)",
                      "blocks.1.attn_pattern": "block 1 attention pattern (read-only)"},
        extras={"blocks.0": ["attn_pattern"], "blocks.1": ["attn_pattern"]},
        edits=[Edit("add-resid", "blocks.0", "add", torch.randn(64, 32, generator=g), coefficient=0.25),
               Edit("zero-squares", "embed", "set", torch.tensor(0.0), channels=[0, 7, 63])],
        provenance={"script": "tools/make_fixtures.py", "seed": seed})


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "fixtures", "packages"))
    args = p.parse_args()
    torch.set_num_threads(1)
    resconv(args.out, "maze-resconv-small", (8, 16, 16), 64,
            "IMPALA-like residual conv policy (8/16/16 channels, 64 hidden), random weights", seed=1)
    resconv(args.out, "maze-resconv-bench", (16, 32, 32), 256,
            "IMPALA-like residual conv policy at ResidualConvPolicy.MAZE sizes, random weights (benchmark)", seed=2)
    transformer(args.out, seed=3)


if __name__ == "__main__":
    main()
