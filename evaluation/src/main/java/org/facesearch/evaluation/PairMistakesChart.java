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
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * View 1's mistakes as a picture (Java2D): each wrongly judged pair's two faces side by side, as
 * the model saw them, framed red for a same-person pair it rejected and blue for two people it took
 * for one, with the score against the threshold and the names beneath.
 */
final class PairMistakesChart {
  static final int FACE = 96;
  static final int COLUMNS = 4;
  private static final int GAP = 4;
  private static final int BORDER = 4;
  private static final int CELL_WIDTH = 2 * FACE + GAP + 2 * BORDER + 24;
  private static final int CELL_HEIGHT = FACE + 2 * BORDER + 58;
  private static final int MARGIN = 24;
  private static final int TITLE_HEIGHT = 84;
  static final Color FALSE_REJECT = new Color(0xC0392B);
  static final Color FALSE_ACCEPT = new Color(0x2471A3);

  private PairMistakesChart() {}

  /**
   * Draws {@code shown} (the most confident of {@code total} mistakes on {@code pairs} pairs) to
   * {@code png}.
   */
  static void write(
      String model, List<PairMistake> shown, int total, int pairs, double threshold, Path png) {
    int rows = Math.max(1, (shown.size() + COLUMNS - 1) / COLUMNS);
    int width = 2 * MARGIN + COLUMNS * CELL_WIDTH;
    int height = TITLE_HEIGHT + rows * CELL_HEIGHT + MARGIN;
    BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
      g.drawString(
          String.format(Locale.ROOT, "View 1: %,d of %,d test pairs judged wrongly", total, pairs),
          MARGIN,
          30);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
      g.setColor(Color.DARK_GRAY);
      g.drawString(
          fit(
              g,
              String.format(
                  Locale.ROOT,
                  "%s at threshold %.4f; %s",
                  model,
                  threshold,
                  shown.size() < total
                      ? "the " + shown.size() + " most confident mistakes"
                      : "most confident first"),
              width - 2 * MARGIN),
          MARGIN,
          52);
      String rejected = "red: one person, rejected";
      g.setColor(FALSE_REJECT);
      g.drawString(rejected, MARGIN, 70);
      g.setColor(FALSE_ACCEPT);
      g.drawString(
          "   blue: two people, accepted", MARGIN + g.getFontMetrics().stringWidth(rejected), 70);
      if (shown.isEmpty()) {
        g.setColor(Color.DARK_GRAY);
        g.drawString("no mistakes", MARGIN, TITLE_HEIGHT + 30);
      }
      for (int k = 0; k < shown.size(); k++) {
        drawCell(
            g,
            shown.get(k),
            MARGIN + (k % COLUMNS) * CELL_WIDTH,
            TITLE_HEIGHT + (k / COLUMNS) * CELL_HEIGHT);
      }
    } finally {
      g.dispose();
    }
    try {
      ImageIO.write(canvas, "png", png.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
    }
  }

  private static void drawCell(Graphics2D g, PairMistake m, int x, int y) {
    Color frame = m.falseReject() ? FALSE_REJECT : FALSE_ACCEPT;
    g.setColor(frame);
    g.setStroke(new BasicStroke(BORDER));
    int faceY = y + BORDER;
    int ax = x + BORDER;
    int bx = ax + FACE + GAP;
    g.drawImage(CropPictures.scaled(m.cropA(), FACE), ax, faceY, FACE, FACE, null);
    g.drawImage(CropPictures.scaled(m.cropB(), FACE), bx, faceY, FACE, FACE, null);
    g.drawRect(ax - BORDER / 2, faceY - BORDER / 2, 2 * FACE + GAP + BORDER, FACE + BORDER);
    int textY = faceY + FACE + BORDER + 16;
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.drawString(
        String.format(
            Locale.ROOT,
            "%s %.3f",
            m.falseReject() ? "same, scored" : "different, scored",
            m.pair().score()),
        ax,
        textY);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.drawString(label(m.a().identity(), m.a().number()), ax, textY + 16);
    if (!m.falseReject()) {
      g.drawString(label(m.b().identity(), m.b().number()), ax, textY + 30);
    } else {
      g.drawString("photos " + m.a().number() + " and " + m.b().number(), ax, textY + 30);
    }
  }

  /** {@code text}, cut with an ellipsis where it would be wider than {@code width} pixels. */
  private static String fit(Graphics2D g, String text, int width) {
    String shown = text;
    while (shown.length() > 1 && g.getFontMetrics().stringWidth(shown) > width) {
      shown = shown.substring(0, shown.length() - 2) + "…";
    }
    return shown;
  }

  /** A name short enough for its cell. */
  private static String label(String identity, int number) {
    String name = IdentityPalette.displayName(identity) + " " + number;
    return name.length() <= 32 ? name : name.substring(0, 31) + "…";
  }
}
