"""PyTorch twin of the plugin's bi-attention deblurring network (src/main/java/.../network).

Same architecture, same arithmetic and the same parameter names as the plugin's ``export`` command writes, so that
weights move both ways:

    java -jar target/bi-attention-deblur.jar export --model general --output general.npz
    net, metadata = biattention.load_npz("general.npz")     # a BiAttentionNet with the plugin's weights
    ...                                                     # run, fine-tune or train it on a GPU
    biattention.save_npz(net, "trained.npz", metadata)      # then: java -jar ... import --weights trained.npz ...

An .npz holds one float32 array per ``state_dict`` entry plus ``__config__``: a uint8 array with the UTF-8 JSON of
the plugin's model.json (name, architecture, normalisation, training provenance).

Input and output: (B, C, H, W) float32 images already normalised as the plugin does (percentiles 1 and 99.8 to
0 and 1, see DeblurEngine); any H and W (reflect-padded at the bottom/right to a multiple of 8 * unshuffle, cropped
back). The output is the input plus the predicted correction.

Runs with Debian's python3-torch (1.13) and python3-numpy; nothing else.
"""

import json

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

CONFIG_ENTRY = "__config__"
ENCODER_SCALE = 8


def conv3x3(cin, cout, stride=1):
    return nn.Conv2d(cin, cout, 3, stride=stride, padding=1)


def conv1x1(cin, cout):
    return nn.Conv2d(cin, cout, 1)


def criss_cross(q, k, v):
    """CCNet's criss-cross aggregation (Huang et al.): for every pixel, one softmax over the energies of its column
    (H entries, the pixel itself masked out) and its row (W entries) concatenated, then the softmax-weighted sum of V
    over the same H + W - 1 positions.

    q, k: (B, Cq, H, W); v: (B, C, H, W). Returns (B, C, H, W), without gamma or residual.
    """
    b, _, h, w = q.shape
    c = v.shape[1]
    # Column branch: the H pixels of each column, batched over B*W columns.
    q_h = q.permute(0, 3, 2, 1).reshape(b * w, h, -1)  # [b*w, h, cq]
    k_h = k.permute(0, 3, 1, 2).reshape(b * w, -1, h)  # [b*w, cq, h]
    v_h = v.permute(0, 3, 1, 2).reshape(b * w, c, h)  # [b*w, c, h]
    # Row branch: the W pixels of each row, batched over B*H rows.
    q_w = q.permute(0, 2, 3, 1).reshape(b * h, w, -1)  # [b*h, w, cq]
    k_w = k.permute(0, 2, 1, 3).reshape(b * h, -1, w)  # [b*h, cq, w]
    v_w = v.permute(0, 2, 1, 3).reshape(b * h, c, w)  # [b*h, c, w]

    centre = torch.eye(h, dtype=torch.bool, device=q.device)
    energy_h = torch.bmm(q_h, k_h).masked_fill(centre, float("-inf"))  # the centre is counted in the row branch
    energy_h = energy_h.view(b, w, h, h).permute(0, 2, 1, 3)  # [b, h, w, h]
    energy_w = torch.bmm(q_w, k_w).view(b, h, w, w)  # [b, h, w, w]
    attention = F.softmax(torch.cat([energy_h, energy_w], 3), dim=3)  # [b, h, w, h + w]

    att_h = attention[:, :, :, :h].permute(0, 2, 1, 3).reshape(b * w, h, h)  # [b*w, h (query), h (key)]
    att_w = attention[:, :, :, h:].reshape(b * h, w, w)  # [b*h, w (query), w (key)]
    out_h = torch.bmm(v_h, att_h.transpose(1, 2)).view(b, w, c, h).permute(0, 2, 3, 1)
    out_w = torch.bmm(v_w, att_w.transpose(1, 2)).view(b, h, c, w).permute(0, 2, 1, 3)
    return out_h + out_w


def _branch(q, k, v, chunk_elements, mask_diagonal):
    """Softmax statistics along the last spatial axis of [b, lines, n, channels] inputs, as the plugin's
    CrissCrossAttention.Branch computes them: contiguous lines, chunks of lines whose energy maps stay below
    ``chunk_elements`` floats, the diagonal masked with -1e30 for the column branch, the maximum over the axis (with
    indices, as DJL's max), exponents floored at -80. Per pixel: the sum of exp(e - max) * V, the sum of
    exp(e - max) and the max."""
    b, lines, n, _ = q.shape
    qb = q.reshape(b * lines, n, -1).contiguous()
    kb = k.reshape(b * lines, n, -1).transpose(1, 2).contiguous()
    vb = v.reshape(b * lines, n, -1).contiguous()
    chunk = max(1, chunk_elements // (n * n))
    weighted, sums, maxima = [], [], []
    for start in range(0, b * lines, chunk):
        energy = torch.bmm(qb[start:start + chunk], kb[start:start + chunk])
        if mask_diagonal:
            energy.diagonal(dim1=1, dim2=2).sub_(1e30)
        top = energy.max(2, keepdim=True).values
        p = torch.clamp_min(energy.sub_(top), -80.0).exp()
        sums.append(p.sum(2))
        maxima.append(top.squeeze(2))
        weighted.append(torch.bmm(p, vb[start:start + chunk]))
    return (torch.cat(weighted).reshape(b, lines, n, -1), torch.cat(sums).reshape(b, lines, n),
            torch.cat(maxima).reshape(b, lines, n))


def criss_cross_lse(q, k, v, chunk_elements=1 << 20):
    """The same result as criss_cross, computed as the plugin's Java code does (CrissCrossAttention.aggregate): row
    and column branches in chunks, the centre counted once (the column branch masks its diagonal), merged as one
    softmax by their log-sum-exp statistics. Never materialises the (B, H, W, H + W) energies."""
    rows_w, rows_s, rows_m = _branch(q.permute(0, 2, 3, 1), k.permute(0, 2, 3, 1), v.permute(0, 2, 3, 1),
                                     chunk_elements, False)
    cols_w, cols_s, cols_m = _branch(q.permute(0, 3, 2, 1), k.permute(0, 3, 2, 1), v.permute(0, 3, 2, 1),
                                     chunk_elements, True)
    cols_w, cols_s, cols_m = cols_w.transpose(1, 2), cols_s.transpose(1, 2), cols_m.transpose(1, 2)
    top = torch.maximum(rows_m, cols_m)
    row_scale = torch.exp(rows_m - top)
    col_scale = torch.exp(cols_m - top)  # a one-pixel column has only its masked diagonal: scale 0
    norm = rows_s * row_scale + cols_s * col_scale
    out = rows_w * (row_scale / norm)[..., None] + cols_w * (col_scale / norm)[..., None]
    return out.permute(0, 3, 1, 2)


ATTENTION = {"ccnet": criss_cross, "lse": criss_cross_lse}


class CrissCrossAttention(nn.Module):
    """1x1 projections Q, K (C/8 channels) and V (C), x <- gamma * criss_cross(Q x, K x, V x) + x, applied
    ``recurrence`` times with shared weights. gamma starts at 0 (the identity).

    ``formulation``: "ccnet" (default; criss_cross) or "lse" (criss_cross_lse, the plugin's memory-saving order of
    computation); both give the same result up to float rounding. See set_attention."""

    def __init__(self, channels, recurrence, formulation="ccnet"):
        super().__init__()
        reduced = max(1, channels // 8)
        self.recurrence = recurrence
        self.formulation = formulation
        self.query = conv1x1(channels, reduced)
        self.key = conv1x1(channels, reduced)
        self.value = conv1x1(channels, channels)
        self.gamma = nn.Parameter(torch.zeros(1))

    def forward(self, x):
        for _ in range(self.recurrence):
            x = self.gamma * ATTENTION[self.formulation](self.query(x), self.key(x), self.value(x)) + x
        return x


class ResidualBlock(nn.Module):
    """conv3x3 - ReLU - conv3x3, plus the input."""

    def __init__(self, channels):
        super().__init__()
        self.conv1 = conv3x3(channels, channels)
        self.conv2 = conv3x3(channels, channels)

    def forward(self, x):
        return self.conv2(F.relu(self.conv1(x))) + x


def residual_stack(channels, count):
    return nn.Sequential(*[ResidualBlock(channels) for _ in range(count)])


class EncoderStage(nn.Module):
    """Stride-2 conv3x3, ReLU, residual blocks."""

    def __init__(self, cin, cout, blocks):
        super().__init__()
        self.down = conv3x3(cin, cout, stride=2)
        self.blocks = residual_stack(cout, blocks)

    def forward(self, x):
        return self.blocks(F.relu(self.down(x)))


class PixelShuffleUp(nn.Module):
    """1x1 conv to 4C channels, then depth to space (PixelShuffle(2))."""

    def __init__(self, cin, cout):
        super().__init__()
        self.expand = conv1x1(cin, 4 * cout)

    def forward(self, x):
        return F.pixel_shuffle(self.expand(x), 2)


class DecoderStage(nn.Module):
    """2x up-scaling, plus the skip connection, then residual blocks."""

    def __init__(self, cin, cout, blocks):
        super().__init__()
        self.up = PixelShuffleUp(cin, cout)
        self.blocks = residual_stack(cout, blocks)

    def forward(self, x, skip):
        return self.blocks(self.up(x) + skip)


class FeatureFusion(nn.Module):
    """Levels 1, 2, 3 brought to level 2 (stride-2 conv, identity, pixel-shuffle up), concatenated, 1x1 conv, ReLU."""

    def __init__(self, c1, c2, c3):
        super().__init__()
        self.down_shallow = conv3x3(c1, c2, stride=2)
        self.up_deep = PixelShuffleUp(c3, c2)
        self.fuse = conv1x1(3 * c2, c2)

    def forward(self, shallow, middle, deep):
        stacked = torch.cat([self.down_shallow(shallow), middle, self.up_deep(deep)], 1)
        return F.relu(self.fuse(stacked))


def reflect_pad_bottom_right(x, multiple):
    """Pads H and W up to a multiple by mirroring (edge excluded, numpy's "reflect"), like the plugin's ReflectPad:
    mirrors at most size - 1 lines per round, so any amount of padding works (a single line is repeated)."""
    for axis in (2, 3):
        pad = (multiple - x.shape[axis] % multiple) % multiple
        while pad > 0:
            size = x.shape[axis]
            take = min(pad, max(1, size - 1))
            start, stop = (0, 1) if size == 1 else (size - 1 - take, size - 1)
            tail = x.narrow(axis, start, stop - start).flip(axis)
            x = torch.cat([x, tail], axis)
            pad -= take
    return x


class BiAttentionNet(nn.Module):
    """The plugin's BiAttentionNet. Arguments as in NetworkConfig."""

    def __init__(self, input_channels=1, width=16, blocks_per_level=1, recurrence=2, shallow_attention=True,
                 reconstruction_attention=True, unshuffle=2):
        super().__init__()
        if input_channels not in (1, 3) or width < 8 or blocks_per_level < 0 or recurrence < 1 \
                or unshuffle not in (1, 2):
            raise ValueError("invalid architecture")
        self.input_channels = input_channels
        self.width = width
        self.blocks_per_level = blocks_per_level
        self.recurrence = recurrence
        self.unshuffle = unshuffle
        c0, c1, c2, c3 = (width << level for level in range(4))
        working = input_channels * unshuffle * unshuffle
        b = blocks_per_level
        # Attribute order = parameter order of the Java network = state_dict order.
        self.shallow = conv3x3(working, c0)
        self.shallow_attention = CrissCrossAttention(c0, recurrence) if shallow_attention else None
        self.encoder1 = EncoderStage(c0, c1, b)
        self.encoder2 = EncoderStage(c1, c2, b)
        self.encoder3 = EncoderStage(c2, c3, b)
        self.fusion = FeatureFusion(c1, c2, c3)
        self.bottleneck = residual_stack(c2, b)
        self.decoder2 = DecoderStage(c2, c1, b)
        self.decoder1 = DecoderStage(c1, c0, b)
        self.reconstruction_attention = CrissCrossAttention(c0, recurrence) if reconstruction_attention else None
        self.output = conv3x3(c0, working)
        # As in the plugin: a near-zero last layer makes the untrained network close to the identity.
        nn.init.normal_(self.output.weight, std=1e-3)
        nn.init.zeros_(self.output.bias)

    @property
    def size_multiple(self):
        return ENCODER_SCALE * self.unshuffle

    def architecture(self):
        """The "architecture" object of the plugin's model.json."""
        return {
            "network": "bi-attention",
            "inputChannels": self.input_channels,
            "width": self.width,
            "blocksPerLevel": self.blocks_per_level,
            "recurrence": self.recurrence,
            "shallowAttention": self.shallow_attention is not None,
            "reconstructionAttention": self.reconstruction_attention is not None,
            "unshuffle": self.unshuffle,
        }

    @classmethod
    def from_architecture(cls, a):
        if a.get("network", "bi-attention") != "bi-attention":
            raise ValueError("not a bi-attention network: %r" % a.get("network"))
        return cls(a["inputChannels"], a["width"], a["blocksPerLevel"], a["recurrence"], a["shallowAttention"],
                   a["reconstructionAttention"], a["unshuffle"])

    def forward(self, x):
        h, w = x.shape[2], x.shape[3]
        x = reflect_pad_bottom_right(x, self.size_multiple)
        working = F.pixel_unshuffle(x, self.unshuffle) if self.unshuffle != 1 else x
        level0 = F.relu(self.shallow(working))
        if self.shallow_attention is not None:
            level0 = self.shallow_attention(level0)
        level1 = self.encoder1(level0)
        level2 = self.encoder2(level1)
        level3 = self.encoder3(level2)
        decoded = self.bottleneck(self.fusion(level1, level2, level3))
        decoded = self.decoder2(decoded, level1)
        decoded = self.decoder1(decoded, level0)
        if self.reconstruction_attention is not None:
            decoded = self.reconstruction_attention(decoded)
        correction = self.output(decoded)
        if self.unshuffle != 1:
            correction = F.pixel_shuffle(correction, self.unshuffle)
        return (x + correction)[:, :, :h, :w]


def set_attention(net, formulation):
    """Chooses the attention formulation ("ccnet" or "lse") of every criss-cross attention module of ``net``."""
    if formulation not in ATTENTION:
        raise ValueError("formulation must be one of %s" % sorted(ATTENTION))
    for module in net.modules():
        if isinstance(module, CrissCrossAttention):
            module.formulation = formulation
    return net


def load_npz(path, device="cpu"):
    """Reads weights written by the plugin's ``export`` (or by save_npz). Returns (net, metadata): the network in
    eval mode with the weights loaded (every array must match exactly), and the model.json content as a dict."""
    with np.load(path) as archive:
        if CONFIG_ENTRY not in archive.files:
            raise ValueError("%s has no %s entry" % (path, CONFIG_ENTRY))
        metadata = json.loads(bytes(archive[CONFIG_ENTRY]).decode("utf-8"))
        state = {name: torch.from_numpy(np.ascontiguousarray(archive[name], dtype=np.float32))
                 for name in archive.files if name != CONFIG_ENTRY}
    net = BiAttentionNet.from_architecture(metadata["architecture"])
    net.load_state_dict(state, strict=True)
    return net.to(device).eval(), metadata


def save_npz(net, path, metadata=None, training=None):
    """Writes ``net``'s weights for the plugin's ``import``. ``metadata``: a model.json-like dict (name, description,
    normalization, training); its architecture is replaced by the network's. ``training``: provenance to record
    (the fields of the plugin's ModelMetadata.Training: data, steps, seconds, seed, batchSize, patchSize,
    validationPsnr, validationSsim, blurredPsnr, blurredSsim, finished), merged into metadata["training"]."""
    metadata = dict(metadata or {})
    metadata["formatVersion"] = 1
    metadata["architecture"] = net.architecture()
    if training:
        metadata["training"] = {**metadata.get("training", {}), **training}
    arrays = {name: t.detach().to("cpu", torch.float32).contiguous().numpy()
              for name, t in net.state_dict().items()}
    arrays[CONFIG_ENTRY] = np.frombuffer(json.dumps(metadata, indent=2).encode("utf-8"), dtype=np.uint8)
    np.savez(path, **arrays)


def _main():
    import argparse
    parser = argparse.ArgumentParser(description="Prints the state_dict names and shapes of an architecture.")
    parser.add_argument("--input-channels", type=int, default=1)
    parser.add_argument("--width", type=int, default=16)
    parser.add_argument("--blocks", type=int, default=1)
    parser.add_argument("--recurrence", type=int, default=2)
    parser.add_argument("--no-shallow-attention", action="store_true")
    parser.add_argument("--no-reconstruction-attention", action="store_true")
    parser.add_argument("--unshuffle", type=int, default=2)
    a = parser.parse_args()
    net = BiAttentionNet(a.input_channels, a.width, a.blocks, a.recurrence, not a.no_shallow_attention,
                         not a.no_reconstruction_attention, a.unshuffle)
    for name, t in net.state_dict().items():
        print(name, list(t.shape))


if __name__ == "__main__":
    _main()
