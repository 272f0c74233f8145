package org.facesearch.model.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Optional;
import org.facesearch.data.image.ColorMode;
import org.facesearch.data.image.CropBox;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.TorchRuntime;
import org.junit.jupiter.api.Test;

class InputSpecTest {
  private static final Preprocessing TINY = new Preprocessing(CropBox.SEED, ColorMode.RGB, 8);

  @Test
  void pixelsAreScaledToUnitThenStandardisedPerChannel() {
    InputSpec spec = new InputSpec(TINY, Normalization.IMAGENET_RGB);
    byte[] pixels = new byte[3 * 8 * 8];
    // Channel c of pixel (0, 0) holds 0, 128, 255; everything else 51 (= 0.2).
    java.util.Arrays.fill(pixels, (byte) 51);
    pixels[0] = 0;
    pixels[64] = (byte) 128;
    pixels[128] = (byte) 255;
    TorchRuntime runtime =
        TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.CPU));
    try (NDManager manager = runtime.newManager()) {
      NDArray tensor = spec.tensor(manager, List.of(new FaceCrop(3, 8, 8, pixels)));
      assertEquals(new Shape(1, 3, 8, 8), tensor.getShape());
      float[] v = tensor.toFloatArray();
      assertEquals((0f - 0.485f) / 0.229f, v[0], 1e-5);
      assertEquals((128 / 255f - 0.456f) / 0.224f, v[64], 1e-5);
      assertEquals((1f - 0.406f) / 0.225f, v[128], 1e-5);
      assertEquals((0.2f - 0.485f) / 0.229f, v[1], 1e-5);
      assertEquals((0.2f - 0.406f) / 0.225f, v[191], 1e-5);
    }
  }

  @Test
  void normalisationMustFitTheColourMode() {
    Preprocessing grey = new Preprocessing(CropBox.SEED, ColorMode.GREY, 8);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new InputSpec(grey, Normalization.HALF_RGB));
    assertEquals("normalisation has 3 channels but GREY crops have 1", e.getMessage());
    assertEquals(
        "normalisation std must be positive and finite: [0.5, 0.0]",
        assertThrows(
                IllegalArgumentException.class,
                () -> new Normalization(List.of(0.5f, 0.5f), List.of(0.5f, 0f)))
            .getMessage());
  }
}
