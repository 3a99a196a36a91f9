package nn.examples.app;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import nn.core.data.Dataset;
import nn.core.kernels.Softmax;
import nn.core.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nn predict}: the classes a saved model gives test images or image files. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predicts the class of Fashion-MNIST test images (--index) or of image files (--image:",
                "any size, converted to 28x28 grey, light clothes on a dark ground as in Fashion-MNIST)."})
final class PredictCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "a model written by nn train")
    Path model;

    @Option(names = "--data", paramLabel = "DIR", description = "folder with the Fashion-MNIST files")
    Path data;

    @Option(names = "--index", paramLabel = "N", split = ",", description = "test image numbers, such as 0,1,2")
    List<Integer> indices = new ArrayList<>();

    @Option(names = "--image", paramLabel = "FILE", description = "image files (PNG, JPEG, ...)")
    List<Path> images = new ArrayList<>();

    @Option(names = "--top", paramLabel = "K", defaultValue = "3", description = "classes to show (default: ${DEFAULT-VALUE})")
    int top;

    @Override
    public Integer call() throws Exception {
        if (indices.isEmpty() && images.isEmpty()) {
            throw new IllegalArgumentException("say what to predict: --index N (test images) or --image FILE");
        }
        if (top < 1) {
            throw new IllegalArgumentException("--top must be at least 1, got " + top);
        }
        LoadedModel loaded = LoadedModel.read(model);
        int width = loaded.network().inputWidth();
        if (!indices.isEmpty()) {
            Dataset test = FashionData.load(data, System.out).test();
            for (int i : indices) {
                if (i < 0 || i >= test.size()) {
                    throw new IllegalArgumentException("--index " + i + " is outside the test set [0, " + test.size() + ")");
                }
                Tensor x = test.inputs().sliceRows(i, i + 1);
                report("test image " + i + " (truly " + loaded.classNames().get(test.label(i)) + ")", x, loaded);
            }
        }
        for (Path file : images) {
            report(file.toString(), readImage(file, width), loaded);
        }
        return 0;
    }

    private void report(String what, Tensor x, LoadedModel loaded) {
        Tensor out = loaded.network().predict(x);
        float[] p = new float[out.size()];
        if (loaded.loss().equals(Losses.FUSED)) {
            Softmax.crossEntropy(out.data(), new float[] {0}, p, 1, out.cols(), true);
        } else {
            System.arraycopy(out.data(), 0, p, 0, p.length);
        }
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Float.compare(p[b], p[a]));
        StringBuilder sb = new StringBuilder(what).append(": ");
        for (int k = 0; k < Math.min(top, order.length); k++) {
            sb.append(k == 0 ? "" : ", ").append(loaded.classNames().get(order[k]))
                    .append(String.format(Locale.ROOT, " %.3f", p[order[k]]));
        }
        System.out.println(sb);
    }

    /** An image file as one row of {@code width} grey values in [0, 1], resized to a square. */
    static Tensor readImage(Path file, int width) throws IOException {
        if (!java.nio.file.Files.isRegularFile(file)) {
            // ImageIO's own message for these names no file ("Can't read input file!")
            throw new IOException(file + (java.nio.file.Files.isDirectory(file) ? ": is a directory" : ": no such file")
                    + "; expected an image file (PNG, JPEG, GIF, BMP)");
        }
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IOException(file + ": not an image file ImageIO can read (PNG, JPEG, GIF, BMP)");
        }
        int side = (int) Math.round(Math.sqrt(width));
        if (side * side != width) {
            throw new IllegalArgumentException("the model takes " + width + " inputs, which is not a square image");
        }
        BufferedImage grey = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = grey.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, side, side, null);
        g.dispose();
        Tensor x = Tensor.zeros(1, width);
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                x.data()[r * side + c] = (grey.getRaster().getSample(c, r, 0)) / 255f;
            }
        }
        return x;
    }
}
