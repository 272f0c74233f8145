package org.facesearch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.FSDirectory;
import org.facesearch.data.FaceImage;
import org.facesearch.data.FileTrees;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.ImageDecoder;
import org.facesearch.data.setting.InvalidSettingException;
import org.facesearch.indexer.HnswParams;
import org.facesearch.indexer.lucene.LuceneCodecs;
import org.facesearch.model.Embedder;

/**
 * Images/s of the indexing pipeline from JPEG files, with no crop cache: decode, crop and resize,
 * embed in batches of a given size, and add to a Lucene HNSW index (committed at the end, so graph
 * construction counts). Each batch size runs on the same seeded sample of photos into a fresh
 * index; one untimed pass at the largest batch size first, so JIT and native warm-up do not favour
 * a size.
 */
public final class EmbedBenchmark {
  private final Embedder embedder;
  private final HnswParams params;
  private final ImageDecoder decoder = new ImageDecoder();

  public EmbedBenchmark(Embedder embedder, HnswParams params) {
    this.embedder = embedder;
    this.params = params;
  }

  /** Seconds are totals over all {@code images} photos at one batch size. */
  public record Run(
      int batchSize,
      int images,
      double decodeCropSeconds,
      double embedSeconds,
      double indexSeconds,
      double totalSeconds) {
    public double imagesPerSecond() {
      return images / totalSeconds;
    }
  }

  public record Report(String modelId, int dimension, String hnsw, List<Run> runs) {}

  public Report run(List<FaceImage> gallery, int images, List<Integer> batchSizes, long seed) {
    if (images < 1 || images > gallery.size()) {
      throw new InvalidSettingException(
          BenchSetting.IMAGES, " must be in 1.." + gallery.size() + ", got " + images);
    }
    for (int size : batchSizes) {
      if (size < 1) {
        throw new IllegalArgumentException("batch sizes must be at least 1, got " + size);
      }
    }
    List<FaceImage> sample = sample(gallery, images, seed);
    List<Run> runs = new ArrayList<>();
    try (ProgressBar progress =
        new ProgressBarBuilder()
            .setTaskName("bench embed")
            .setInitialMax((long) images * (batchSizes.size() + 1))
            .setUnit(" photos", 1)
            .showSpeed()
            .build()) {
      pipeline(sample, Collections.max(batchSizes), progress);
      for (int size : batchSizes) {
        progress.setExtraMessage("batch " + size);
        runs.add(pipeline(sample, size, progress));
      }
    }
    return new Report(embedder.modelId(), embedder.dimension(), params.toString(), runs);
  }

  private Run pipeline(List<FaceImage> sample, int batchSize, ProgressBar progress) {
    Path dir;
    try {
      dir = Files.createTempDirectory("facesearch-bench-embed-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary index: " + e.getMessage(), e);
    }
    long decode = 0;
    long embed = 0;
    long index = 0;
    long start = System.nanoTime();
    try (FSDirectory directory = FSDirectory.open(dir);
        IndexWriter writer =
            new IndexWriter(
                directory, new IndexWriterConfig().setCodec(LuceneCodecs.codec(params)))) {
      for (int from = 0; from < sample.size(); from += batchSize) {
        List<FaceImage> batch = sample.subList(from, Math.min(sample.size(), from + batchSize));
        long t0 = System.nanoTime();
        List<FaceCrop> crops = new ArrayList<>(batch.size());
        for (FaceImage image : batch) {
          crops.add(embedder.prepare(decoder.decode(image.path())));
        }
        long t1 = System.nanoTime();
        float[][] vectors = embedder.embed(crops);
        long t2 = System.nanoTime();
        for (float[] vector : vectors) {
          Document doc = new Document();
          doc.add(new KnnFloatVectorField("v", vector, VectorSimilarityFunction.DOT_PRODUCT));
          writer.addDocument(doc);
        }
        long t3 = System.nanoTime();
        decode += t1 - t0;
        embed += t2 - t1;
        index += t3 - t2;
        progress.stepBy(batch.size());
      }
      long t = System.nanoTime();
      writer.commit();
      index += System.nanoTime() - t;
    } catch (IOException e) {
      throw new UncheckedIOException("benchmark index failed: " + e.getMessage(), e);
    } finally {
      delete(dir);
    }
    double total = (System.nanoTime() - start) / 1e9;
    return new Run(batchSize, sample.size(), decode / 1e9, embed / 1e9, index / 1e9, total);
  }

  /** A seeded sample of {@code images} photos, the same for every benchmark given the seed. */
  static List<FaceImage> sample(List<FaceImage> gallery, int images, long seed) {
    List<FaceImage> shuffled = new ArrayList<>(gallery);
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = shuffled.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      FaceImage swap = shuffled.get(i);
      shuffled.set(i, shuffled.get(j));
      shuffled.set(j, swap);
    }
    return List.copyOf(shuffled.subList(0, images));
  }

  private static void delete(Path tree) {
    try {
      FileTrees.deleteTree(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot delete the benchmark index " + tree + ": " + e.getMessage(), e);
    }
  }
}
