package org.facesearch.data.detect;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.facesearch.data.testing.LfwTestData;

/** Real LFW images and synthetic scenes built from them, for the detection tests. */
public final class LfwImages {
  private LfwImages() {}

  /** The LFW folder the tests read. */
  public static Path root() {
    return LfwTestData.root();
  }

  /** Every LFW image path, sorted, so samples are the same on every machine. */
  public static List<Path> all() throws IOException {
    try (Stream<Path> files = Files.walk(LfwTestData.root().resolve("images"))) {
      return files.filter(p -> p.getFileName().toString().endsWith(".jpg")).sorted().toList();
    }
  }

  /**
   * {@code count} images evenly spaced through the sorted list, starting {@code phase} (0..1) into
   * the first step.
   */
  public static List<Path> evenlySpaced(int count, double phase) throws IOException {
    List<Path> all = all();
    List<Path> sample = new ArrayList<>(count);
    double step = all.size() / (double) count;
    for (int i = 0; i < count; i++) {
      sample.add(all.get((int) ((i + phase) * step)));
    }
    return sample;
  }

  public static BufferedImage read(Path path) {
    try {
      BufferedImage image = ImageIO.read(path.toFile());
      if (image == null) {
        throw new IllegalStateException("not a readable image: " + path);
      }
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A canvas of seeded per-pixel colour noise. */
  public static BufferedImage noise(int width, int height, long seed) {
    Random random = new Random(seed);
    BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        canvas.setRGB(x, y, random.nextInt(1 << 24));
      }
    }
    return canvas;
  }

  public static BufferedImage flat(int width, int height, Color colour) {
    BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas.createGraphics();
    g.setColor(colour);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return canvas;
  }

  /** Draws {@code image} scaled to {@code side} pixels with its top-left corner at (x, y). */
  public static void paste(BufferedImage canvas, BufferedImage image, int x, int y, int side) {
    Graphics2D g = canvas.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.drawImage(image, x, y, side, side, null);
    g.dispose();
  }

  /**
   * Where a box found in a 250x250 image lands once that image is pasted at (x, y) scaled to side.
   */
  public static FaceBox pastedBox(FaceBox inOriginal, int x, int y, int side) {
    double scale = side / 250.0;
    return new FaceBox(
        x + (int) Math.round(inOriginal.x() * scale),
        y + (int) Math.round(inOriginal.y() * scale),
        (int) Math.round(inOriginal.width() * scale),
        (int) Math.round(inOriginal.height() * scale));
  }
}
