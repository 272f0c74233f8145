package org.facesearch.data.detect.bench;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.facesearch.data.FaceImage;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.detect.FaceBox;

/**
 * A seeded set of LFW faces placed in larger cluttered photos, the hard case a user's photo is and
 * LFW's own tightly framed images are not: each photo is 640x480 to 1024x768, its background a
 * patchwork of corners cut from other LFW images (real clutter: rooms, crowds, flags, shoulders)
 * blown up, plus pixel noise; the face is an LFW image of a person with at least two images, scaled
 * 0.5 to 1.5 times, rotated up to 15 degrees either way, feathered into the background at a random
 * place, and the whole saved as a JPEG of quality 60 to 90. The same seed gives the same photos.
 */
public final class PlacedFaces {

  /**
   * Where the face is in an LFW deep-funneled frame, as a square box: the centre and side half way
   * between the Haar cascade's mean box (centre 125.3, 124.5, side 112.2; see {@code LfwFraming})
   * and BlazeFace's (125.9, 138.8, side 106.8; see {@code FaceTemplate}), so neither detector's box
   * convention is favoured (each overlaps it by IoU 0.85 or more on average).
   */
  public static final double FACE_CX = 125.6;

  public static final double FACE_CY = 131.6;
  public static final double FACE_SIDE = 109.5;

  /** The face box in the LFW frame. */
  public static final FaceBox FACE_IN_FRAME =
      new FaceBox(
          (int) Math.round(FACE_CX - FACE_SIDE / 2),
          (int) Math.round(FACE_CY - FACE_SIDE / 2),
          (int) Math.round(FACE_SIDE),
          (int) Math.round(FACE_SIDE));

  /** The part of the LFW image pasted: a disc about the face, faded out over its outer rim. */
  private static final double DISC_RADIUS = 105;

  private static final double FEATHER = 25;

  /** The background is a PATCHES x PATCHES grid of LFW corners, CORNER pixels square each. */
  private static final int PATCHES = 3;

  private static final int CORNER = 60;
  private static final String MANIFEST = "placed.tsv";

  private PlacedFaces() {}

  /**
   * Generates {@code count} photos into {@code folder} (created; existing photos there are
   * replaced) and returns them.
   */
  public static List<PlacedFace> generate(LfwDataset lfw, int count, long seed, Path folder) {
    List<FaceImage> faces = lfw.subset(2).images();
    List<FaceImage> backgrounds = lfw.images();
    SplittableRandom random = new SplittableRandom(seed);
    List<PlacedFace> placed = new ArrayList<>();
    try {
      Files.createDirectories(folder);
      for (int i = 0; i < count; i++) {
        FaceImage face = faces.get(random.nextInt(faces.size()));
        List<Path> patches = new ArrayList<>();
        for (int k = 0; k < PATCHES * PATCHES; k++) {
          patches.add(backgrounds.get(random.nextInt(backgrounds.size())).path());
        }
        Path photo = folder.resolve(String.format("placed-%04d.jpg", i));
        placed.add(place(face.path(), patches, random, photo));
      }
      writeManifest(folder, placed);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write placed faces to " + folder, e);
    }
    return placed;
  }

  /** One photo: draws the scene, writes it, and says where the face went. */
  static PlacedFace place(Path facePath, List<Path> patches, SplittableRandom random, Path out)
      throws IOException {
    int width = 640 + random.nextInt(1024 - 640 + 1);
    int height = width * 3 / 4;
    BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    // An LFW image's corners are background (its face is in the middle): a grid of blown-up
    // corners is clutter without a second face in it, so "the largest face" is well defined.
    for (int k = 0; k < patches.size(); k++) {
      int col = k % PATCHES;
      int row = k / PATCHES;
      int x0 = col * width / PATCHES;
      int y0 = row * height / PATCHES;
      int x1 = (col + 1) * width / PATCHES;
      int y1 = (row + 1) * height / PATCHES;
      int sx = random.nextBoolean() ? 0 : 250 - CORNER;
      int sy = random.nextBoolean() ? 0 : 250 - CORNER;
      g.drawImage(read(patches.get(k)), x0, y0, x1, y1, sx, sy, sx + CORNER, sy + CORNER, null);
    }
    addNoise(canvas, random, 12);

    double scale = 0.5 + random.nextDouble();
    double degrees = -15 + 30 * random.nextDouble();
    double margin = DISC_RADIUS * 0.5 * scale;
    double cx = margin + random.nextDouble() * (width - 2 * margin);
    double cy = margin + random.nextDouble() * (height - 2 * margin);
    AffineTransform place = new AffineTransform();
    place.translate(cx, cy);
    place.rotate(Math.toRadians(degrees));
    place.scale(scale, scale);
    place.translate(-FACE_CX, -FACE_CY);
    g.setComposite(AlphaComposite.SrcOver);
    g.drawImage(feathered(read(facePath)), place, null);
    g.dispose();

    writeJpeg(canvas, 0.60f + 0.30f * (float) random.nextDouble(), out);
    double side = FACE_SIDE * scale;
    FaceBox box =
        new FaceBox(
            (int) Math.round(cx - side / 2),
            (int) Math.round(cy - side / 2),
            (int) Math.round(side),
            (int) Math.round(side));
    return new PlacedFace(out, facePath, box, scale, degrees);
  }

  /** The LFW image with an alpha disc about the face: opaque inside, fading to clear at the rim. */
  private static BufferedImage feathered(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double r = Math.hypot(x + 0.5 - FACE_CX, y + 0.5 - FACE_CY);
        double alpha = Math.clamp((DISC_RADIUS - r) / FEATHER, 0, 1);
        out.setRGB(x, y, (int) Math.round(alpha * 255) << 24 | (image.getRGB(x, y) & 0xFFFFFF));
      }
    }
    return out;
  }

  private static void addNoise(BufferedImage image, SplittableRandom random, int amplitude) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y);
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
          int v = ((p >> shift) & 0xFF) + random.nextInt(-amplitude, amplitude + 1);
          rgb |= Math.clamp(v, 0, 255) << shift;
        }
        image.setRGB(x, y, rgb);
      }
    }
  }

  private static BufferedImage read(Path path) throws IOException {
    BufferedImage image = ImageIO.read(path.toFile());
    if (image == null) {
      throw new IOException("not an image: " + path);
    }
    return image;
  }

  private static void writeJpeg(BufferedImage image, float quality, Path out) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(tmp.toFile())) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.setOutput(stream);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** A tab-separated record of each photo, so a set on disk can be inspected without the code. */
  private static void writeManifest(Path folder, List<PlacedFace> placed) throws IOException {
    StringBuilder text = new StringBuilder("photo\tsource\tx\ty\twidth\theight\tscale\tdegrees\n");
    for (PlacedFace p : placed) {
      FaceBox b = p.face();
      text.append(p.photo().getFileName())
          .append('\t')
          .append(p.source())
          .append('\t')
          .append(b.x())
          .append('\t')
          .append(b.y())
          .append('\t')
          .append(b.width())
          .append('\t')
          .append(b.height())
          .append('\t')
          .append(String.format("%.3f\t%.2f", p.scale(), p.degrees()))
          .append('\n');
    }
    Path tmp = folder.resolve(MANIFEST + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(
        tmp,
        folder.resolve(MANIFEST),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }
}
