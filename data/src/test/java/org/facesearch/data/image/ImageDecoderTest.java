package org.facesearch.data.image;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.facesearch.data.FaceImage;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.detect.bench.PlacedFace;
import org.facesearch.data.detect.bench.PlacedFaces;
import org.facesearch.data.image.InvalidImageException.Reason;
import org.facesearch.data.testing.LfwTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageDecoderTest {
  private static final int RED = 0xFF0000;
  private static final int GREEN = 0x00FF00;
  private static final int BLUE = 0x0000FF;
  private static final int WHITE = 0xFFFFFF;

  private final ImageDecoder decoder = new ImageDecoder();

  @TempDir Path temp;

  private static Path lfwFile() {
    return LfwTestData.root().resolve("images/Aaron_Eckhart/Aaron_Eckhart_0001.jpg");
  }

  @Test
  void realLfwPhotosDecodeTo250x250ExactlyAsImageIoReadsThem() throws IOException {
    List<FaceImage> images = LfwDataset.open(LfwTestData.root()).images();
    for (int i = 0; i < images.size(); i += 97) {
      Path file = images.get(i).path();
      BufferedImage decoded = decoder.decode(file);
      assertEquals(BufferedImage.TYPE_INT_RGB, decoded.getType());
      assertEquals(250, decoded.getWidth(), file.toString());
      assertEquals(250, decoded.getHeight(), file.toString());
      BufferedImage plain = ImageIO.read(file.toFile());
      assertArrayEquals(
          plain.getRGB(0, 0, 250, 250, null, 0, 250), decoded.getRGB(0, 0, 250, 250, null, 0, 250));
    }
  }

  /**
   * Large photos at JPEG qualities from 60 to 90 (the placed-face photos of {@code bench detect},
   * each saved at its own quality), which OpenCV decodes: exactly ImageIO's pixels.
   */
  @Test
  void largePhotosDecodeExactlyAsImageIoReadsThem() throws IOException {
    LfwDataset lfw = LfwDataset.open(LfwTestData.root());
    for (PlacedFace placed : PlacedFaces.generate(lfw, 4, 7, temp.resolve("placed"))) {
      BufferedImage decoded = decoder.decode(placed.photo());
      BufferedImage plain = ImageIO.read(placed.photo().toFile());
      int w = plain.getWidth();
      int h = plain.getHeight();
      assertEquals(w, decoded.getWidth());
      assertTrue(w >= 640, "a large photo: " + w);
      assertArrayEquals(
          plain.getRGB(0, 0, w, h, null, 0, w),
          decoded.getRGB(0, 0, w, h, null, 0, w),
          placed.photo().toString());
    }
  }

  @Test
  void bytesAfterAJpegsEndMarkerAreIgnored() throws IOException {
    byte[] whole = Files.readAllBytes(lfwFile());
    byte[] trailed = Arrays.copyOf(whole, whole.length + 100);
    Arrays.fill(trailed, whole.length, trailed.length, (byte) 0x5A);
    assertArrayEquals(
        decoder.decode(whole).getRGB(0, 0, 250, 250, null, 0, 250),
        decoder.decode(trailed).getRGB(0, 0, 250, 250, null, 0, 250));
  }

  @Test
  void emptyInputIsRefused() throws IOException {
    assertReason(Reason.EMPTY, () -> decoder.decode(new byte[0]));
    Path empty = Files.write(temp.resolve("empty.jpg"), new byte[0]);
    InvalidImageException e = assertReason(Reason.EMPTY, () -> decoder.decode(empty));
    assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
  }

  @Test
  void textNamedJpgIsNotAnImage() throws IOException {
    Path text = Files.writeString(temp.resolve("photo.jpg"), "<html>not a photo</html>");
    InvalidImageException e = assertReason(Reason.NOT_AN_IMAGE, () -> decoder.decode(text));
    assertTrue(e.getMessage().contains(text.toString()), e.getMessage());
    assertReason(Reason.NOT_AN_IMAGE, () -> decoder.decode(new byte[] {1}));
  }

  @ParameterizedTest
  @ValueSource(ints = {100, 2_000, 5_000})
  void truncatedJpegIsCorruptNotGreyFilled(int keptBytes) throws IOException {
    byte[] whole = Files.readAllBytes(lfwFile());
    Path cut = Files.write(temp.resolve("cut.jpg"), Arrays.copyOf(whole, keptBytes));
    InvalidImageException e = assertReason(Reason.CORRUPT, () -> decoder.decode(cut));
    assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
  }

  @Test
  void jpegMissingOnlyItsEndMarkerIsCorrupt() throws IOException {
    byte[] whole = Files.readAllBytes(lfwFile());
    assertReason(Reason.CORRUPT, () -> decoder.decode(Arrays.copyOf(whole, whole.length - 2)));
  }

  @Test
  void truncatedPngIsCorrupt() {
    byte[] png = TestImages.encode(decoder.decode(lfwFile()), "png");
    assertReason(Reason.CORRUPT, () -> decoder.decode(Arrays.copyOf(png, png.length / 2)));
    assertReason(Reason.CORRUPT, () -> decoder.decode(Arrays.copyOf(png, 40)));
  }

  @Test
  void gifStillAndAnimatedIsUnsupported() throws IOException {
    BufferedImage frame = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_INDEXED);
    InvalidImageException still =
        assertReason(
            Reason.UNSUPPORTED_FORMAT, () -> decoder.decode(TestImages.encode(frame, "gif")));
    assertTrue(still.getMessage().contains("GIF"), still.getMessage());

    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.prepareWriteSequence(null);
      writer.writeToSequence(new IIOImage(frame, null, null), null);
      writer.writeToSequence(
          new IIOImage(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_INDEXED), null, null), null);
      writer.endWriteSequence();
    }
    writer.dispose();
    assertReason(Reason.UNSUPPORTED_FORMAT, () -> decoder.decode(out.toByteArray()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bmp", "tiff"})
  void bmpAndTiffOfAnLfwPhotoDecodeToItsExactPixels(String format) {
    BufferedImage jpeg = decoder.decode(lfwFile());
    BufferedImage decoded = decoder.decode(TestImages.encode(jpeg, format), "face." + format);
    assertEquals(BufferedImage.TYPE_INT_RGB, decoded.getType());
    assertArrayEquals(
        jpeg.getRGB(0, 0, 250, 250, null, 0, 250), decoded.getRGB(0, 0, 250, 250, null, 0, 250));
  }

  @Test
  void webpOfAnLfwPhotoDecodesCloseToTheJpeg() throws IOException {
    // A real WebP made with libwebp from this very JPEG (see README.md beside the fixture).
    byte[] webp;
    try (var in = getClass().getResourceAsStream("Serena_Williams_0005.webp")) {
      webp = in.readAllBytes();
    }
    BufferedImage decoded = decoder.decode(webp, "Serena_Williams_0005.webp");
    BufferedImage jpeg =
        decoder.decode(
            LfwTestData.root().resolve("images/Serena_Williams/Serena_Williams_0005.jpg"));
    assertEquals(250, decoded.getWidth());
    assertEquals(250, decoded.getHeight());
    long difference = 0;
    for (int y = 0; y < 250; y++) {
      for (int x = 0; x < 250; x++) {
        int a = decoded.getRGB(x, y);
        int b = jpeg.getRGB(x, y);
        for (int shift = 0; shift <= 16; shift += 8) {
          difference += Math.abs((a >> shift & 0xFF) - (b >> shift & 0xFF));
        }
      }
    }
    double mean = difference / (250.0 * 250 * 3);
    // Lossy at quality 80: a few levels off on average, not a different picture.
    assertTrue(mean < 6, "mean difference " + mean);
  }

  @Test
  void hugeBmpHeaderIsRefusedBeforeDecoding() {
    java.nio.ByteBuffer header =
        java.nio.ByteBuffer.allocate(54).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    header.put((byte) 'B').put((byte) 'M').putInt(0).putInt(0).putInt(54);
    header.putInt(40).putInt(40_000).putInt(40_000).putShort((short) 1).putShort((short) 24);
    InvalidImageException e =
        assertReason(Reason.TOO_LARGE, () -> decoder.decode(header.array(), "huge.bmp"));
    assertTrue(e.getMessage().contains("40000x40000"), e.getMessage());
  }

  @Test
  void heicIsRefusedWithHowToConvertIt() {
    byte[] heic = new byte[64];
    byte[] ftyp = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c'};
    System.arraycopy(ftyp, 0, heic, 0, ftyp.length);
    InvalidImageException e =
        assertReason(Reason.UNSUPPORTED_FORMAT, () -> decoder.decode(heic, "IMG_0001.HEIC"));
    assertTrue(e.getMessage().startsWith("IMG_0001.HEIC: HEIC"), e.getMessage());
    assertTrue(e.getMessage().contains("save it as JPEG"), e.getMessage());
  }

  @Test
  void hugePngHeaderIsRefusedBeforeDecoding() {
    // The file holds no pixel data: reaching the decoder would report CORRUPT (or run out of
    // memory).
    InvalidImageException e =
        assertReason(
            Reason.TOO_LARGE, () -> decoder.decode(TestImages.pngHeaderOnly(40_000, 40_000)));
    assertTrue(e.getMessage().contains("40000x40000"), e.getMessage());
    assertReason(Reason.TOO_LARGE, () -> decoder.decode(TestImages.pngHeaderOnly(8_193, 10)));
    assertReason(Reason.TOO_LARGE, () -> decoder.decode(TestImages.pngHeaderOnly(8_000, 6_000)));
  }

  @Test
  void limitsApplyToBytesAndPixels() throws IOException {
    long size = Files.size(lfwFile());
    ImageDecoder small = new ImageDecoder(new ImageLimits(size - 1, 8_192, 8_192, 40_000_000));
    InvalidImageException e = assertReason(Reason.TOO_LARGE, () -> small.decode(lfwFile()));
    assertTrue(e.getMessage().contains(lfwFile().toString()), e.getMessage());
    assertReason(Reason.TOO_LARGE, () -> small.decode(Files.readAllBytes(lfwFile())));
    ImageDecoder narrow = new ImageDecoder(new ImageLimits(1_000_000, 249, 8_192, 40_000_000));
    assertReason(Reason.TOO_LARGE, () -> narrow.decode(lfwFile()));
    ImageDecoder fewPixels =
        new ImageDecoder(new ImageLimits(1_000_000, 8_192, 8_192, 250 * 250 - 1));
    assertReason(Reason.TOO_LARGE, () -> fewPixels.decode(lfwFile()));
    assertEquals(
        250,
        new ImageDecoder(new ImageLimits(size, 250, 250, 250 * 250)).decode(lfwFile()).getWidth());
  }

  @ParameterizedTest
  @ValueSource(strings = {"png", "jpeg"})
  void oneByOnePixelDecodes(String format) {
    BufferedImage dot = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    dot.setRGB(0, 0, 0x336699);
    BufferedImage decoded = decoder.decode(TestImages.encode(dot, format));
    assertEquals(1, decoded.getWidth());
    assertEquals(1, decoded.getHeight());
    assertClose(0x336699, decoded.getRGB(0, 0), format.equals("png") ? 0 : 4);
  }

  @Test
  void greyPngKeepsItsGreyLevels() {
    BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
    grey.getRaster().setSample(0, 0, 0, 100);
    grey.getRaster().setSample(1, 0, 0, 200);
    BufferedImage decoded = decoder.decode(TestImages.encode(grey, "png"));
    assertEquals(BufferedImage.TYPE_INT_RGB, decoded.getType());
    assertEquals(0x646464, decoded.getRGB(0, 0) & 0xFFFFFF);
    assertEquals(0xC8C8C8, decoded.getRGB(1, 0) & 0xFFFFFF);
  }

  @Test
  void sixteenBitGreyPngScalesToEightBits() {
    BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
    grey.getRaster().setSample(0, 0, 0, 40_000); // 40000 * 255 / 65535 = 155.6
    grey.getRaster().setSample(1, 0, 0, 65_535);
    BufferedImage decoded = decoder.decode(TestImages.encode(grey, "png"));
    assertEquals(0x9C9C9C, decoded.getRGB(0, 0) & 0xFFFFFF);
    assertEquals(WHITE, decoded.getRGB(1, 0) & 0xFFFFFF);
  }

  @Test
  void greyWithAlphaPngIsCompositedOverWhite() {
    ComponentColorModel model =
        new ComponentColorModel(
            ColorSpace.getInstance(ColorSpace.CS_GRAY),
            true,
            false,
            Transparency.TRANSLUCENT,
            DataBuffer.TYPE_BYTE);
    WritableRaster raster = model.createCompatibleWritableRaster(3, 1);
    raster.setPixel(0, 0, new int[] {50, 255}); // opaque
    raster.setPixel(1, 0, new int[] {0, 0}); // transparent
    raster.setPixel(2, 0, new int[] {0, 128}); // half
    BufferedImage decoded =
        decoder.decode(TestImages.encode(new BufferedImage(model, raster, false, null), "png"));
    assertEquals(0x323232, decoded.getRGB(0, 0) & 0xFFFFFF);
    assertEquals(WHITE, decoded.getRGB(1, 0) & 0xFFFFFF);
    assertClose(0x7F7F7F, decoded.getRGB(2, 0), 1);
  }

  @Test
  void sixteenBitRgbPngScalesToEightBits() {
    ComponentColorModel model =
        new ComponentColorModel(
            ColorSpace.getInstance(ColorSpace.CS_sRGB),
            false,
            false,
            Transparency.OPAQUE,
            DataBuffer.TYPE_USHORT);
    WritableRaster raster = model.createCompatibleWritableRaster(1, 1);
    raster.setPixel(0, 0, new int[] {65_535, 32_896, 0});
    BufferedImage decoded =
        decoder.decode(TestImages.encode(new BufferedImage(model, raster, false, null), "png"));
    assertEquals(0xFF8000, decoded.getRGB(0, 0) & 0xFFFFFF);
  }

  @Test
  void paletteAndRgbaPngsDecode() {
    IndexColorModel palette =
        new IndexColorModel(
            8,
            2,
            new byte[] {(byte) 255, 0},
            new byte[] {0, (byte) 128},
            new byte[] {0, (byte) 255});
    BufferedImage indexed = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
    indexed.getRaster().setSample(1, 0, 0, 1);
    BufferedImage decoded = decoder.decode(TestImages.encode(indexed, "png"));
    assertEquals(RED, decoded.getRGB(0, 0) & 0xFFFFFF);
    assertEquals(0x0080FF, decoded.getRGB(1, 0) & 0xFFFFFF);

    BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
    argb.setRGB(0, 0, 0xFF0000FF);
    argb.setRGB(1, 0, 0x00000000);
    BufferedImage rgba = decoder.decode(TestImages.encode(argb, "png"));
    assertEquals(BLUE, rgba.getRGB(0, 0) & 0xFFFFFF);
    assertEquals(WHITE, rgba.getRGB(1, 0) & 0xFFFFFF);
  }

  @Test
  void greyJpegKeepsItsGreyLevels() {
    BufferedImage grey = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) {
        grey.getRaster().setSample(x, y, 0, 100);
      }
    }
    assertClose(0x646464, decoder.decode(TestImages.encode(grey, "jpeg")).getRGB(8, 8), 2);
  }

  /** Inks (c, m, y, k) in 0..255 and the RGB that R=(1-C)(1-K) gives for them. */
  @ParameterizedTest
  @CsvSource({
    "255, 0, 0, 0, 00FFFF",
    "0, 255, 0, 0, FF00FF",
    "0, 0, 255, 0, FFFF00",
    "0, 0, 0, 255, 000000",
    "0, 0, 0, 0, FFFFFF",
    "0, 0, 0, 128, 7F7F7F",
    "255, 255, 0, 0, 0000FF"
  })
  void cmykAndYcckJpegsConvertToRgb(int c, int m, int y, int k, String rgbHex) {
    int expected = Integer.parseInt(rgbHex, 16);
    // Adobe (Photoshop) files store 255 minus each ink.
    WritableRaster adobe = solid(16, new int[] {255 - c, 255 - m, 255 - y, 255 - k});
    assertClose(expected, decoder.decode(TestImages.fourChannelJpeg(adobe, 0)).getRGB(8, 8), 3);
    // Without an Adobe marker the inks are stored as they are.
    WritableRaster plain = solid(16, new int[] {c, m, y, k});
    assertClose(expected, decoder.decode(TestImages.fourChannelJpeg(plain, null)).getRGB(8, 8), 3);
    // YCCK, encoded as libjpeg's cmyk_ycck_convert does: R=255-storedC, ... through JFIF's YCbCr.
    double r = c;
    double g = m;
    double b = y;
    int luma = (int) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    int cb = (int) Math.round(-0.168736 * r - 0.331264 * g + 0.5 * b + 128);
    int cr = (int) Math.round(0.5 * r - 0.418688 * g - 0.081312 * b + 128);
    WritableRaster ycck =
        solid(16, new int[] {luma, Math.min(255, cb), Math.min(255, cr), 255 - k});
    assertClose(expected, decoder.decode(TestImages.fourChannelJpeg(ycck, 2)).getRGB(8, 8), 4);
  }

  /**
   * Displayed corner colours per EXIF orientation, read off the EXIF 2.3 table. The EXIF segment
   * goes before the JFIF one, as some cameras write it (ImageIO's metadata parser rejects that).
   */
  @ParameterizedTest
  @CsvSource({
    "1, 32, 16, FF0000, 00FF00, 0000FF, FFFFFF",
    "2, 32, 16, 00FF00, FF0000, FFFFFF, 0000FF",
    "3, 32, 16, FFFFFF, 0000FF, 00FF00, FF0000",
    "4, 32, 16, 0000FF, FFFFFF, FF0000, 00FF00",
    "5, 16, 32, FF0000, 0000FF, 00FF00, FFFFFF",
    "6, 16, 32, 0000FF, FF0000, FFFFFF, 00FF00",
    "7, 16, 32, FFFFFF, 00FF00, 0000FF, FF0000",
    "8, 16, 32, 00FF00, FFFFFF, FF0000, 0000FF"
  })
  void exifOrientationTurnsJpegsUpright(
      int orientation,
      int width,
      int height,
      String topLeft,
      String topRight,
      String bottomLeft,
      String bottomRight) {
    byte[] jpeg =
        TestImages.withJpegExif(
            TestImages.encode(quadrants(), "jpeg"), TestImages.exifOrientation(orientation));
    BufferedImage upright = decoder.decode(jpeg);
    assertEquals(width, upright.getWidth());
    assertEquals(height, upright.getHeight());
    assertCorners(upright, topLeft, topRight, bottomLeft, bottomRight, 40);
  }

  @Test
  void exifOrientationInAPngIsApplied() {
    byte[] png =
        TestImages.withPngChunk(
            TestImages.encode(quadrants(), "png"), "eXIf", TestImages.exifOrientation(6));
    BufferedImage upright = decoder.decode(png);
    assertEquals(16, upright.getWidth());
    assertEquals(32, upright.getHeight());
    assertCorners(upright, "0000FF", "FF0000", "FFFFFF", "00FF00", 0);
  }

  @Test
  void damagedExifIsIgnoredBecauseThePixelsAreFine() {
    byte[] jpeg =
        TestImages.withJpegExif(
            TestImages.encode(quadrants(), "jpeg"),
            "MM\0*garbage".getBytes(StandardCharsets.ISO_8859_1));
    assertCorners(decoder.decode(jpeg), "FF0000", "00FF00", "0000FF", "FFFFFF", 40);
  }

  /** 32x16: red, green on top; blue, white below. */
  private static BufferedImage quadrants() {
    BufferedImage image = new BufferedImage(32, 16, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 32; x++) {
        image.setRGB(x, y, y < 8 ? (x < 16 ? RED : GREEN) : (x < 16 ? BLUE : WHITE));
      }
    }
    return image;
  }

  private static void assertCorners(
      BufferedImage image, String tl, String tr, String bl, String br, int tolerance) {
    int w = image.getWidth();
    int h = image.getHeight();
    assertAll(
        () -> assertClose(Integer.parseInt(tl, 16), image.getRGB(w / 4, h / 4), tolerance),
        () -> assertClose(Integer.parseInt(tr, 16), image.getRGB(3 * w / 4, h / 4), tolerance),
        () -> assertClose(Integer.parseInt(bl, 16), image.getRGB(w / 4, 3 * h / 4), tolerance),
        () -> assertClose(Integer.parseInt(br, 16), image.getRGB(3 * w / 4, 3 * h / 4), tolerance));
  }

  private static WritableRaster solid(int size, int[] samples) {
    WritableRaster raster =
        Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, size, size, samples.length, null);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        raster.setPixel(x, y, samples);
      }
    }
    return raster;
  }

  private static void assertClose(int expectedRgb, int actualRgb, int tolerance) {
    for (int shift = 16; shift >= 0; shift -= 8) {
      int expected = (expectedRgb >> shift) & 0xFF;
      int actual = (actualRgb >> shift) & 0xFF;
      assertTrue(
          Math.abs(expected - actual) <= tolerance,
          String.format(
              "expected %06X, got %06X (tolerance %d)",
              expectedRgb & 0xFFFFFF, actualRgb & 0xFFFFFF, tolerance));
    }
  }

  private static InvalidImageException assertReason(
      Reason reason, org.junit.jupiter.api.function.Executable decode) {
    InvalidImageException e = assertThrows(InvalidImageException.class, decode);
    assertEquals(reason, e.reason(), e.getMessage());
    return e;
  }
}
