#!/usr/bin/python3
"""Splits the photographs and textured pictures of Debian's wallpaper packages into a training and an
evaluation-only folder, by picture (every size and light/dark variant of one picture goes to the same side).

Two families, each split on its own so that adding the second did not move a picture of the first across sides:
"wallpapers" (plasma-workspace-wallpapers, mate-backgrounds, gnome-backgrounds, ukui-wallpapers) and "lomiri"
(lomiri-wallpapers-16.04 and -20.04: photographs of Ubuntu's wallpaper contests, 2018-2020). Licences: each
package's /usr/share/doc/PKG/copyright. Flat renderings (gradients, logos, plain colour) are left out: they teach
nothing about detail and flatter any score. Each kept picture is read at its largest size, converted to grey
(ImageJ's luminance weights) and downscaled by area to at most 1600 px on its long side (which also removes most
JPEG and lens softness), and written as PNG. Every third picture in name order is held out for evaluation and must
never be trained on. Needs Debian's python3-pil. Usage: tools/wallpaper_split.py [OUT_DIR [LOMIRI_DIR]] (default:
~/.cache/bi-attention-deblur/wallpapers and a "lomiri" folder beside it).
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
# The photographs of the lomiri packages (renderings and gradients left out), split apart from KEEP.
LOMIRI_KEEP = [
    "lomiri-Bridge_by_Sander_Klootwijk", "lomiri-Dragonfly_by_Bolly", "lomiri-Kleiber_by_Lukas_Baubkus",
    "lomiri-Picture_0B_by_freespace", "lomiri-Picture_1A_by_freespace", "lomiri-Wine_by_Jakkub_Mede",
    "lomiri-aitzgorri_by_Aitzol_Berasategi", "lomiri-analogpattern_by_Peter_Nerlich", "lomiri-free_by_Peter_Nerlich",
    "lomiri-friends_by_Aitzol_Berasategi", "lomiri-greentock_by_Peter_Nerlich", "lomiri-life_by_Aitzol_Berasategi",
    "lomiri-picosdeeuropa_by_Aitzol_Berasategi", "lomiri-seeding_by_Clements_Engelhardt",
    "lomiri-sunset_by_Aitzol_Berasategi",
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
        # lomiri's contest photographs lie beside ukui's pictures; their names credit the author ("_by_").
        package = ("gnome" if "/gnome/" in f else "mate" if "/mate/" in f
                   else "lomiri" if "_by_" in os.path.basename(f) else "ukui")
        found.setdefault(package + "-" + stem, []).append(f)
    return found


def split(found, keep, out):
    """Writes every third picture of keep (name order) to out/holdout, the others to out/train."""
    for side in ("train", "holdout"):
        shutil.rmtree(os.path.join(out, side), ignore_errors=True)
        os.makedirs(os.path.join(out, side))
    kept = [g for g in sorted(keep) if g in found]
    for i, group in enumerate(kept):
        biggest = max(found[group], key=lambda f: Image.open(f).size[0] * Image.open(f).size[1])
        image = Image.open(biggest).convert("RGB").convert("L")
        scale = min(1.0, LONG_SIDE / max(image.size))
        if scale < 1:
            image = image.resize((round(image.size[0] * scale), round(image.size[1] * scale)), Image.BOX)
        side = "holdout" if i % 3 == 1 else "train"
        image.save(os.path.join(out, side, group + ".png"))
    missing = [g for g in keep if g not in found]
    print("train: %d pictures, holdout: %d pictures, in %s%s" % (
        len(os.listdir(os.path.join(out, "train"))), len(os.listdir(os.path.join(out, "holdout"))), out,
        "; missing: " + ", ".join(missing) if missing else ""))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.expanduser("~/.cache/bi-attention-deblur/wallpapers")
    lomiri = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(out)), "lomiri")
    found = groups()
    if not any(g in found for g in KEEP + LOMIRI_KEEP):
        sys.exit("no wallpaper package is installed: apt-get install -y plasma-workspace-wallpapers mate-backgrounds"
                 " gnome-backgrounds ukui-wallpapers lomiri-wallpapers-16.04 lomiri-wallpapers-20.04")
    split(found, KEEP, out)
    split(found, LOMIRI_KEEP, lomiri)


if __name__ == "__main__":
    main()
