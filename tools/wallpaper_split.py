#!/usr/bin/python3
"""Splits the photographs and textured pictures of Debian's wallpaper packages into a training and an
evaluation-only folder, by picture (every size and light/dark variant of one picture goes to the same side).

Packages: plasma-workspace-wallpapers, mate-backgrounds, gnome-backgrounds, ukui-wallpapers (licences: each
package's /usr/share/doc/PKG/copyright). Flat renderings (gradients, logos, plain colour) are left out: they teach
nothing about detail and flatter any score. Each kept picture is read at its largest size, converted to grey
(ImageJ's luminance weights) and downscaled by area to at most 1600 px on its long side (which also removes most
JPEG and lens softness), and written as PNG. Every third picture in name order is held out for evaluation and must
never be trained on. Needs Debian's python3-pil. Usage: tools/wallpaper_split.py [OUT_DIR]
"""
import glob
import os
import re
import shutil
import sys

from PIL import Image

# Photographs and textured pictures, by group name (package-picture), chosen by looking at every picture.
KEEP = [
    "gnome-grid", "gnome-licorice", "gnome-truchet", "gnome-wood",
    "mate-Aqua", "mate-Blinds", "mate-Dune", "mate-Elephants", "mate-FreshFlower", "mate-Garden",
    "mate-GreenMeadow", "mate-LadyBird", "mate-RainDrops", "mate-Storm", "mate-TwoWings", "mate-Wood",
    "mate-YellowFlower",
    "plasma-Altai", "plasma-Autumn", "plasma-BytheWater", "plasma-ColdRipple", "plasma-ColorfulCups",
    "plasma-EveningGlow", "plasma-FallenLeaf", "plasma-Grey", "plasma-MilkyWay", "plasma-OneStandsOut",
    "plasma-Path", "plasma-SafeLanding", "plasma-summer_1am",
    "ukui-firstgeneration",
]
LONG_SIDE = 1600
EXT = re.compile(r"\.(jpg|jpeg|png|webp)$", re.I)


def groups():
    found = {}
    for d in sorted(glob.glob("/usr/share/wallpapers/*/")):
        files = [f for f in glob.glob(d + "contents/images/*") if EXT.search(f)]
        if files:
            found["plasma-" + os.path.basename(d.rstrip("/"))] = files
    for f in sorted(glob.glob("/usr/share/backgrounds/**/*", recursive=True)):
        if not EXT.search(f) or not os.path.isfile(f):
            continue
        stem = re.sub(r"(_\d+x\d+)?(-[ld])?$", "", EXT.sub("", os.path.basename(f)))
        package = "gnome" if "/gnome/" in f else "mate" if "/mate/" in f else "ukui"
        found.setdefault(package + "-" + stem, []).append(f)
    return found


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.expanduser("~/.cache/bi-attention-deblur/wallpapers")
    found = groups()
    missing = [g for g in KEEP if g not in found]
    if len(missing) == len(KEEP):
        sys.exit("no wallpaper package is installed: apt-get install -y plasma-workspace-wallpapers mate-backgrounds"
                 " gnome-backgrounds ukui-wallpapers")
    for side in ("train", "holdout"):
        shutil.rmtree(os.path.join(out, side), ignore_errors=True)
        os.makedirs(os.path.join(out, side))
    kept = [g for g in sorted(KEEP) if g in found]
    for i, group in enumerate(kept):
        biggest = max(found[group], key=lambda f: Image.open(f).size[0] * Image.open(f).size[1])
        image = Image.open(biggest).convert("RGB").convert("L")
        scale = min(1.0, LONG_SIDE / max(image.size))
        if scale < 1:
            image = image.resize((round(image.size[0] * scale), round(image.size[1] * scale)), Image.BOX)
        side = "holdout" if i % 3 == 1 else "train"
        image.save(os.path.join(out, side, group + ".png"))
    print("train: %d pictures, holdout: %d pictures, in %s%s" % (
        len(os.listdir(os.path.join(out, "train"))), len(os.listdir(os.path.join(out, "holdout"))), out,
        "; missing: " + ", ".join(missing) if missing else ""))


if __name__ == "__main__":
    main()
