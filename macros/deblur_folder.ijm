// Deblurs every image of a folder into another folder as 32-bit TIFF (same base name), with the bundled model.
// In Fiji: File > Open this macro and Run (a dialog asks for the folders), or headless:
//   ImageJ-linux64 --headless --console -macro deblur_folder.ijm 'input="/data/in",output="/data/out"'
#@ File (label = "Input folder", style = "directory") input
#@ File (label = "Output folder", style = "directory") output
#@ String (label = "Model", value = "general") model
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
	run("Bi-Attention Deblur", "model=" + model + " tile=256 overlap=32 low=1.0 high=99.8 device=auto");
	dot = lastIndexOf(name, ".");
	saveAs("Tiff", output + File.separator + substring(name, 0, dot) + ".tif");
	close("*");
	done++;
}
print("Deblurred " + done + " images into " + output);
setBatchMode(false);
