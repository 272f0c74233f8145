package org.facesearch.data.cache;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.facesearch.data.FaceImage;
import org.facesearch.data.align.FaceAlignment;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.ImageDecoder;
import org.facesearch.data.image.Preprocessing;

/**
 * Decodes and crops every image on several threads, writing each crop straight to its place in a
 * temporary file beside the target (so the heap never holds the whole set), then renames it over
 * the target in one atomic step: readers see the old file or the complete new one, never half.
 */
final class CropCacheBuilder {
  private final ImageDecoder decoder;
  private final int threads;

  CropCacheBuilder(ImageDecoder decoder, int threads) {
    this.decoder = decoder;
    this.threads = threads;
  }

  /** Returns how many images had no face found and were framed fixed (0 without alignment). */
  int build(
      Path target,
      CacheKey key,
      List<FaceImage> images,
      Preprocessing preprocessing,
      Optional<FaceAlignment> alignment)
      throws IOException {
    AtomicInteger fallbacks = new AtomicInteger();
    Files.createDirectories(target.getParent());
    int size = preprocessing.size();
    CropFile.Header header =
        CropFile.header(
            key.fingerprint(),
            preprocessing.color().channels(),
            size,
            size,
            images.stream().map(FaceImage::key).toList());
    Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
          ProgressBar progress = progressBar(images.size(), preprocessing, alignment)) {
        CropFile.writeHeader(channel, header);
        writeCrops(channel, header, images, preprocessing, alignment, fallbacks, progress);
        channel.force(false);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
    return fallbacks.get();
  }

  private void writeCrops(
      FileChannel channel,
      CropFile.Header header,
      List<FaceImage> images,
      Preprocessing preprocessing,
      Optional<FaceAlignment> alignment,
      AtomicInteger fallbacks,
      ProgressBar progress)
      throws IOException {
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean failed = new AtomicBoolean();
    Callable<Void> worker =
        () -> {
          for (int i = next.getAndIncrement();
              i < images.size() && !failed.get();
              i = next.getAndIncrement()) {
            try {
              BufferedImage image = decoder.decode(images.get(i).path());
              if (alignment.isPresent()) {
                FaceAlignment.Aligned aligned = alignment.get().align(image);
                image = aligned.image();
                if (aligned.fellBack()) {
                  progress.setExtraMessage("no face found in " + fallbacks.incrementAndGet());
                }
              }
              FaceCrop crop = preprocessing.apply(image);
              CropFile.writeFully(
                  channel,
                  ByteBuffer.wrap(crop.pixels()),
                  header.dataOffset() + (long) i * header.cropBytes());
            } catch (RuntimeException | IOException e) {
              failed.set(true);
              throw e;
            }
            progress.step();
          }
          return null;
        };
    int workers = Math.max(1, Math.min(threads, images.size()));
    List<Future<Void>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
      for (int t = 0; t < workers; t++) {
        futures.add(pool.submit(worker));
      }
      for (Future<Void> future : futures) {
        future.get();
      }
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case RuntimeException unchecked -> throw unchecked;
        case IOException io -> throw io;
        case Error error -> throw error;
        default -> throw new IllegalStateException(e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while building " + header.keys().size() + " crops", e);
    }
  }

  private static ProgressBar progressBar(
      int count, Preprocessing preprocessing, Optional<FaceAlignment> alignment) {
    return new ProgressBarBuilder()
        .setTaskName(
            (alignment.isPresent() ? "Aligning " : "Cropping ")
                + preprocessing.size()
                + "px "
                + preprocessing.color().name().toLowerCase())
        .setInitialMax(count)
        .setStyle(ProgressBarStyle.ASCII)
        .setUnit(" img", 1)
        .build();
  }
}
