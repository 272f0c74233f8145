package org.facesearch.indexer.testing;

import org.facesearch.data.image.ColorMode;
import org.facesearch.data.image.CropBox;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.model.PixelEmbedder;

/**
 * Real, engine-free models for index tests: the raw-pixel baseline on small grey crops (Lucene's
 * HNSW takes at most 1,024 dimensions). Two sizes make two genuinely different models.
 */
public final class TestModels {
  /** 32x32 grey: 1,024 dimensions, model id {@code pixels-32-grey}. */
  public static final Preprocessing GREY_32 = new Preprocessing(CropBox.SEED, ColorMode.GREY, 32);

  /** 24x24 grey: 576 dimensions, model id {@code pixels-24-grey}. */
  public static final Preprocessing GREY_24 = new Preprocessing(CropBox.SEED, ColorMode.GREY, 24);

  private TestModels() {}

  public static PixelEmbedder pixels() {
    return new PixelEmbedder(GREY_32);
  }

  public static PixelEmbedder otherPixels() {
    return new PixelEmbedder(GREY_24);
  }
}
