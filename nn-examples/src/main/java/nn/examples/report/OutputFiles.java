package nn.examples.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import nn.core.io.AtomicFiles;

/**
 * Text and PNG files of a report, written atomically through {@link AtomicFiles}: a reader sees
 * the old file or the new one, never half of one.
 */
public final class OutputFiles {

    private OutputFiles() {
    }

    /** Writes {@code text} to {@code target} in UTF-8, atomically. */
    public static void writeString(Path target, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(target, out -> out.write(bytes));
    }

    /** Writes {@code image} to {@code target} as a PNG, atomically. */
    public static void writePng(Path target, BufferedImage image) throws IOException {
        AtomicFiles.write(target, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer in this JDK for an image of type " + image.getType());
            }
        });
    }
}
