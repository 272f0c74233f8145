import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.*;
import java.nio.file.*;
import java.util.*;
import javax.imageio.*;
import javax.imageio.stream.*;
import org.facesearch.data.assets.AssetStore;
import org.facesearch.data.detect.DetectorKind;
import org.facesearch.data.face.*;
import org.facesearch.data.image.*;

/**
 * What the web answer's picture costs, on the 100 LFW photos {@code bench/web_ab.py} sends (seed
 * 42): how many faces the server's reader finds per photo, then for the largest face the thread CPU
 * of its 250x250 frame, of its JPEG by ImageIO (quality 0.9, as the server encoded it before) and
 * by {@link JpegEncoder} (quality 90), their sizes and whether they decode to the same pixels.
 * Three rounds; the last is reported.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true \
 *     -cp "$(ls cli/target/lib/*.jar | tr '\n' ':')cli/target/facesearch-cli.jar" \
 *     bench/AnswerPictureProbe.java $FACESEARCH_DATA $FACESEARCH_HOME/models/assets
 * </pre>
 */
public class AnswerPictureProbe {
  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

  public static void main(String[] args) throws Exception {
    List<Path> files;
    try (var walk = Files.walk(Path.of(args[0], "images"))) {
      files = new ArrayList<>(walk.filter(p -> p.toString().endsWith(".jpg")).sorted().toList());
    }
    Collections.shuffle(files, new Random(42));
    files = files.subList(0, 100);
    Map<Integer, Integer> faces = new TreeMap<>();
    long frame = 0, imageIo = 0, fast = 0, imageIoBytes = 0, fastBytes = 0;
    int n = 0, samePixels = 0;
    try (FaceReader reader =
        FaceReader.open(DetectorKind.BLAZEFACE, new AssetStore(Path.of(args[1])), ImageLimits.DEFAULT)) {
      for (int round = 0; round < 3; round++) {
        boolean last = round == 2;
        for (Path file : files) {
          List<FramedFace> found;
          try {
            found = reader.readAll(Photo.read(file));
          } catch (NoFaceException e) {
            continue;
          }
          long t0 = MX.getCurrentThreadCpuTime();
          BufferedImage picture = found.getFirst().image();
          long t1 = MX.getCurrentThreadCpuTime();
          byte[] a = imageIo(picture);
          long t2 = MX.getCurrentThreadCpuTime();
          byte[] b = JpegEncoder.encode(picture, 90);
          long t3 = MX.getCurrentThreadCpuTime();
          if (last) {
            faces.merge(found.size(), 1, Integer::sum);
            frame += t1 - t0;
            imageIo += t2 - t1;
            fast += t3 - t2;
            imageIoBytes += a.length;
            fastBytes += b.length;
            n++;
            samePixels += Arrays.equals(pixels(a), pixels(b)) ? 1 : 0;
          }
        }
      }
    }
    System.out.printf("photos with a face %d; faces per photo (count: photos) %s%n", n, faces);
    System.out.printf(
        "thread CPU per picture: frame %.2f ms, JPEG by ImageIO %.2f ms (%d bytes), by JpegEncoder"
            + " %.2f ms (%d bytes); same decoded pixels %d of %d%n",
        frame / 1e6 / n, imageIo / 1e6 / n, imageIoBytes / n, fast / 1e6 / n, fastBytes / n,
        samePixels, n);
  }

  private static int[] pixels(byte[] jpeg) throws Exception {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }

  private static byte[] imageIo(BufferedImage image) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.9f);
      writer.setOutput(stream);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }
}
