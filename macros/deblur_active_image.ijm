// Deblurs the active image with the bundled general model; the result opens as a new 32-bit image.
// Record your own variant with Plugins > Macros > Record... while running Plugins > Deblurring > Bi-Attention Deblur.
if (nImages == 0) exit("Open an image first.");
run("Bi-Attention Deblur", "model=general tile=256 overlap=32 device=auto ensemble=false keepdepth=false");
