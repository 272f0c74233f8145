package org.facesearch.trainer.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.facesearch.data.image.ColorMode;
import org.facesearch.data.image.CropBox;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.trainer.testing.Crops;
import org.junit.jupiter.api.Test;

/** Views of real LFW faces: fixed by the face and the view number, and the same at any size. */
class TeacherViewsTest {
  private static final String KEY = "Abdullah_Gul/Abdullah_Gul_0013.jpg";

  @Test
  void aViewIsFixedByTheFacesKeyAndTheViewNumber() {
    FaceCrop face = Crops.load(new Preprocessing(CropBox.SEED, ColorMode.RGB, 96), 1).getFirst();
    byte[] once = TeacherViews.view(face, KEY, 1).pixels();
    assertArrayEquals(once, TeacherViews.view(face, KEY, 1).pixels(), "drawn again: the same");
    assertFalse(Arrays.equals(once, TeacherViews.view(face, KEY, 2).pixels()), "another view");
    assertFalse(
        Arrays.equals(once, TeacherViews.view(face, "Someone/Someone_0001.jpg", 1).pixels()),
        "another face's view 1 is distorted differently");
    assertFalse(Arrays.equals(once, face.pixels()), "a view is not the face as it is");
  }

  /**
   * The teacher sees a 150-pixel chip, the student the same chip at 96: drawn in fractions of the
   * crop, view k distorts both alike. Compared on an 8x8 grid of mean intensities (which neither
   * size's pixel grid decides), the two sizes' view 1 differ far less than views 1 and 2 do.
   */
  @Test
  void theTeachersAndTheStudentsSizesOfOneFaceGetTheSameDistortion() {
    for (int face = 0; face < 3; face++) {
      FaceCrop large = Crops.load(new Preprocessing(CropBox.SEED, ColorMode.RGB, 150), 3).get(face);
      FaceCrop small = Crops.load(new Preprocessing(CropBox.SEED, ColorMode.RGB, 96), 3).get(face);
      double same =
          gridDistance(TeacherViews.view(large, KEY, 1), TeacherViews.view(small, KEY, 1));
      double other =
          gridDistance(TeacherViews.view(small, KEY, 1), TeacherViews.view(small, KEY, 2));
      assertTrue(same < other / 3, "face " + face + ": same view " + same + ", other " + other);
      assertTrue(same < 6, "face " + face + ": mean grey-level difference " + same);
    }
  }

  @Test
  void viewsAreNumberedFromOneAndStoredUnderTheirRecipe() {
    FaceCrop face = Crops.load(new Preprocessing(CropBox.SEED, ColorMode.RGB, 96), 1).getFirst();
    assertThrows(IllegalArgumentException.class, () -> TeacherViews.view(face, KEY, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> TeacherViews.view(face, KEY, TeacherViews.MAX_VIEWS + 1));
    String one = TeacherViews.storedId("dlib-resnet-b9e54d741365", 1);
    assertTrue(one.matches("dlib-resnet-b9e54d741365@view[0-9a-f]{8}-1"), one);
    assertNotEquals(one, TeacherViews.storedId("dlib-resnet-b9e54d741365", 2));
  }

  @Test
  void aRecipeRefusesMoreViewsThanTheLimit() {
    assertEquals(3, new TargetRecipe(TargetForm.PLAIN, 3).views());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new TargetRecipe(TargetForm.PLAIN, -1));
    assertEquals("teacher views must be 0..32, got -1", e.getMessage());
  }

  /** Mean absolute difference of the two crops' 8x8 grids of mean intensity (all channels). */
  private static double gridDistance(FaceCrop a, FaceCrop b) {
    double[] ga = grid(a);
    double[] gb = grid(b);
    double sum = 0;
    for (int i = 0; i < ga.length; i++) {
      sum += Math.abs(ga[i] - gb[i]);
    }
    return sum / ga.length;
  }

  private static double[] grid(FaceCrop crop) {
    int cells = 8;
    int w = crop.width();
    int h = crop.height();
    int n = w * h;
    double[] sum = new double[crop.channels() * cells * cells];
    int[] count = new int[sum.length];
    byte[] pixels = crop.pixels();
    for (int c = 0; c < crop.channels(); c++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int cell =
              (c * cells + (int) ((y + 0.5) * cells / h)) * cells + (int) ((x + 0.5) * cells / w);
          sum[cell] += pixels[c * n + y * w + x] & 0xFF;
          count[cell]++;
        }
      }
    }
    for (int i = 0; i < sum.length; i++) {
      sum[i] /= count[i];
    }
    return sum;
  }
}
