// Deblurs every image of a folder into another folder as 32-bit TIFF (same base name), with a bundled model.
// Interactively (Fiji or ImageJ: Plugins > Macros > Run...): dialogs ask for the two folders. Headless, the
// folders come as the macro's argument, in ImageJ's key=value form ([...] around paths with spaces):
//   ImageJ-linux64 --headless --console -macro deblur_folder.ijm 'input=[/data/in] output=[/data/out] model=general'
//   java -jar ij.jar -batch deblur_folder.ijm 'input=[/data/in] output=[/data/out]'   (plain ImageJ 1.x, with the
//   plugin's commands registered by MacroBridge.install())
args = getArgument();
input = call("ij.Macro.getValue", args, "input", "");
output = call("ij.Macro.getValue", args, "output", "");
model = call("ij.Macro.getValue", args, "model", "general");
if (input == "") input = getDirectory("Choose the folder of images to deblur");
if (output == "") output = getDirectory("Choose the folder for the results");
if (!File.isDirectory(input)) exit("Input folder not found: " + input);
if (!File.isDirectory(output)) File.makeDirectory(output);
setBatchMode(true);
list = getFileList(input);
done = 0;
for (i = 0; i < list.length; i++) {
	name = list[i];
	lower = toLowerCase(name);
	if (!(endsWith(lower, ".tif") || endsWith(lower, ".tiff") || endsWith(lower, ".png") || endsWith(lower, ".jpg")
			|| endsWith(lower, ".jpeg") || endsWith(lower, ".bmp") || endsWith(lower, ".gif")))
		continue;
	open(input + File.separator + name);
	// Keys left out (low, high, ...) take the documented defaults: the model's percentiles.
	run("Bi-Attention Deblur", "model=" + model + " tile=256 overlap=32 device=auto");
	dot = lastIndexOf(name, ".");
	saveAs("Tiff", output + File.separator + substring(name, 0, dot) + ".tif");
	close("*");
	done++;
}
print("Deblurred " + done + " images into " + output);
setBatchMode(false);
