package org.facesearch.model.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Casts between fp32 and bfloat16, which DJL 0.35.1 cannot do itself: its JNI maps DJL data types
 * to libtorch's with a switch that has no bfloat16 case, so {@code NDArray.toType(BFLOAT16)} (or
 * creating any bf16 array) ends the JVM with {@code terminate called without an active exception}.
 * libtorch's own operators all take bf16, though, and DJL passes tensors of a type it cannot name
 * (it reports them as {@code unknown}) through every operator unchanged. So the casts are two
 * TorchScript modules, written here as source and compiled by libtorch when loaded: one call each,
 * recorded by autograd like any operator when {@code training} is true.
 *
 * <p>A bf16 image batch or convolution weight is also put in channels-last memory order, the layout
 * oneDNN's bf16 convolutions work in (NCHW would be reordered on every call). Close it to free the
 * modules; arrays it returned live on their own managers.
 */
public final class Bf16Casts implements AutoCloseable {
  private final NDManager manager;
  private final PtSymbolBlock toBf16;
  private final PtSymbolBlock toFloat32;

  /** The modules have no parameters; DJL's forward still asks for a store. */
  private final ParameterStore noParameters;

  /** Loads the two cast modules on {@code manager}'s device (closed with this object). */
  public Bf16Casts(NDManager manager) {
    this.manager = manager.newSubManager();
    PtNDManager pt = (PtNDManager) this.manager;
    // TorchScript's saved form, as torch.jit.save writes it: scalar type 15 is bfloat16, 6 is
    // float32; memory format 2 is channels-last.
    this.toBf16 =
        load(
            pt,
            "ToBf16",
            "    if torch.eq(torch.dim(x), 4):\n"
                + "      _0 = torch.contiguous(torch.to(x, 15), memory_format=2)\n"
                + "    else:\n"
                + "      _0 = torch.to(x, 15)\n"
                + "    return _0\n");
    this.toFloat32 = load(pt, "ToFloat32", "    return torch.to(x, 6)\n");
    this.noParameters = new ParameterStore(this.manager, false);
  }

  /**
   * {@code x} as bfloat16 (channels-last when 4-D), on {@code x}'s manager. DJL reports the
   * result's type as {@code unknown}; pass it to operators, or back through {@link #toFloat32}.
   */
  public NDArray toBf16(NDArray x, boolean training) {
    return toBf16.forward(noParameters, new NDList(x), training).singletonOrThrow();
  }

  /** {@code x} (bf16 or fp32) as fp32, on {@code x}'s manager. */
  public NDArray toFloat32(NDArray x, boolean training) {
    return toFloat32.forward(noParameters, new NDList(x), training).singletonOrThrow();
  }

  @Override
  public void close() {
    toBf16.close();
    toFloat32.close();
    manager.close();
  }

  private static PtSymbolBlock load(PtNDManager manager, String name, String body) {
    String code =
        "class "
            + name
            + "(Module):\n"
            + "  __parameters__ = []\n"
            + "  __buffers__ = []\n"
            + "  training : bool\n"
            + "  def forward(self: __torch__."
            + name
            + ",\n"
            + "    x: Tensor) -> Tensor:\n"
            + body;
    try {
      return JniUtils.loadModule(
          manager, new ByteArrayInputStream(archive(name, code)), true, false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the " + name + " TorchScript module", e);
    }
  }

  /**
   * A TorchScript archive as {@code torch.jit.save} lays it out: the module object pickled
   * (protocol 2: an instance of {@code __torch__.<name>} whose state is {@code training=False}),
   * its class's source, no constants, format version 3. Entries are stored, not deflated.
   */
  private static byte[] archive(String name, String code) throws IOException {
    ByteArrayOutputStream pickle = new ByteArrayOutputStream();
    pickle.write(new byte[] {(byte) 0x80, 2, 'c'});
    pickle.write(("__torch__\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    pickle.write(new byte[] {'q', 0, ')', (byte) 0x81, '}', '(', 'X', 8, 0, 0, 0});
    pickle.write("training".getBytes(StandardCharsets.US_ASCII));
    pickle.write(new byte[] {'q', 1, (byte) 0x89, 'u', 'b', 'q', 2, '.'});
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      String root = name.toLowerCase(Locale.ROOT) + "/";
      stored(zip, root + "data.pkl", pickle.toByteArray());
      stored(zip, root + "code/__torch__.py", code.getBytes(StandardCharsets.UTF_8));
      stored(zip, root + "constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
      stored(zip, root + "version", "3\n".getBytes(StandardCharsets.US_ASCII));
    }
    return bytes.toByteArray();
  }

  private static void stored(ZipOutputStream zip, String path, byte[] data) throws IOException {
    ZipEntry entry = new ZipEntry(path);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(data.length);
    CRC32 crc = new CRC32();
    crc.update(data);
    entry.setCrc(crc.getValue());
    zip.putNextEntry(entry);
    zip.write(data);
    zip.closeEntry();
  }
}
