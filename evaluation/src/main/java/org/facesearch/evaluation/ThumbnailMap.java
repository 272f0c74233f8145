package org.facesearch.evaluation;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.facesearch.data.FaceImage;
import org.facesearch.data.image.FaceCrop;

/**
 * The faces themselves drawn at their 2-D positions (Java2D), each framed in its person's colour,
 * so one can see what a cluster has in common (pose, light, glasses) beyond identity. A bounded
 * number of faces per person keeps the picture readable.
 */
final class ThumbnailMap {
  static final int WIDTH = 1800;
  static final int HEIGHT = 1300;
  static final int THUMB = 44;
  static final int PER_PERSON = 20;
  private static final int MARGIN = 40;
  private static final int TITLE_HEIGHT = 50;
  private static final int LEGEND_WIDTH = 300;
  private static final int BORDER = 3;

  private ThumbnailMap() {}

  /**
   * Draws {@code thumbs}, the crops of rows {@code shown} of {@code faces}, at their positions
   * {@code xy} (indexed by row).
   */
  static void write(
      String title,
      EmbeddedFaces faces,
      double[][] xy,
      List<Integer> shown,
      List<FaceCrop> thumbs,
      IdentityPalette palette,
      Path png) {
    List<FaceImage> images = shown.stream().map(faces::image).toList();

    BufferedImage canvas = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
      g.drawString(title, MARGIN, 34);

      int left = MARGIN + THUMB / 2;
      int top = TITLE_HEIGHT + THUMB / 2;
      int right = WIDTH - LEGEND_WIDTH - MARGIN - THUMB / 2;
      int bottom = HEIGHT - MARGIN - THUMB / 2;
      double[] range = bounds(xy, shown);
      g.setStroke(new BasicStroke(BORDER));
      for (int k = 0; k < shown.size(); k++) {
        double[] p = xy[shown.get(k)];
        int cx =
            (int) Math.round(left + (p[0] - range[0]) / (range[1] - range[0]) * (right - left));
        // Screen y grows downwards; flip so the map reads like the scatter plots.
        int cy =
            (int) Math.round(bottom - (p[1] - range[2]) / (range[3] - range[2]) * (bottom - top));
        int x = cx - THUMB / 2;
        int y = cy - THUMB / 2;
        g.drawImage(CropPictures.scaled(thumbs.get(k), THUMB), x, y, THUMB, THUMB, null);
        g.setColor(palette.colorOf(images.get(k).identity()));
        g.drawRect(x - 1, y - 1, THUMB + 1, THUMB + 1);
      }
      drawLegend(g, palette);
    } finally {
      g.dispose();
    }
    try {
      ImageIO.write(canvas, "png", png.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
    }
  }

  /**
   * The rows to draw: up to {@link #PER_PERSON} faces of each person, spread evenly over their
   * photos.
   */
  static List<Integer> sample(EmbeddedFaces faces) {
    List<Integer> shown = new ArrayList<>();
    for (String identity : faces.images().stream().map(FaceImage::identity).distinct().toList()) {
      List<Integer> own = new ArrayList<>();
      for (int i = 0; i < faces.size(); i++) {
        if (faces.image(i).identity().equals(identity)) {
          own.add(i);
        }
      }
      int take = Math.min(PER_PERSON, own.size());
      for (int k = 0; k < take; k++) {
        shown.add(own.get((int) ((long) k * own.size() / take)));
      }
    }
    return shown;
  }

  /** min x, max x, min y, max y of the shown points, never an empty range. */
  private static double[] bounds(double[][] xy, List<Integer> shown) {
    double[] r = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};
    for (int i : shown) {
      r[0] = Math.min(r[0], xy[i][0]);
      r[1] = Math.max(r[1], xy[i][0]);
      r[2] = Math.min(r[2], xy[i][1]);
      r[3] = Math.max(r[3], xy[i][1]);
    }
    if (r[1] - r[0] < 1e-12) {
      r[1] = r[0] + 1;
    }
    if (r[3] - r[2] < 1e-12) {
      r[3] = r[2] + 1;
    }
    return r;
  }

  private static void drawLegend(Graphics2D g, IdentityPalette palette) {
    int x = WIDTH - LEGEND_WIDTH;
    int y = TITLE_HEIGHT + 20;
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
    for (String identity : palette.identities()) {
      g.setColor(palette.colorOf(identity));
      g.fillRect(x, y - 13, 16, 16);
      g.setColor(Color.BLACK);
      g.drawString(IdentityPalette.displayName(identity), x + 26, y);
      y += 26;
    }
  }
}
