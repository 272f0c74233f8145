package org.facesearch.data.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The cache file layout: a small header, the image keys, then every crop's 8-bit CHW pixels back to
 * back from a page-aligned offset, so the pixel block can be memory-mapped as it is.
 *
 * <pre>
 * "FSCROPS1" | version:int | fingerprint:32 bytes | channels, height, width, count:int
 * | dataOffset:long | keysLength:int | keys (UTF-8, '\n'-separated) | padding | pixels
 * </pre>
 */
final class CropFile {
  private static final byte[] MAGIC = "FSCROPS1".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  private static final int FIXED_BYTES = 8 + 4 + 32 + 4 * 4 + 8 + 4;
  private static final int PAGE = 4096;

  /**
   * What the header records; {@code cropBytes() * keys().size()} pixel bytes follow at {@code
   * dataOffset}.
   */
  record Header(
      String fingerprint, int channels, int height, int width, List<String> keys, long dataOffset) {
    int cropBytes() {
      return channels * height * width;
    }

    long fileSize() {
      return dataOffset + (long) cropBytes() * keys.size();
    }
  }

  private CropFile() {}

  /** A header for these crops, with the pixel block placed after the keys. */
  static Header header(String fingerprint, int channels, int height, int width, List<String> keys) {
    long keysLength = String.join("\n", keys).getBytes(StandardCharsets.UTF_8).length;
    long dataOffset = (FIXED_BYTES + keysLength + PAGE - 1) / PAGE * PAGE;
    return new Header(fingerprint, channels, height, width, List.copyOf(keys), dataOffset);
  }

  static void writeHeader(FileChannel channel, Header header) throws IOException {
    byte[] keys = String.join("\n", header.keys()).getBytes(StandardCharsets.UTF_8);
    ByteBuffer buffer = ByteBuffer.allocate(FIXED_BYTES + keys.length);
    buffer.put(MAGIC).putInt(VERSION).put(HexFormat.of().parseHex(header.fingerprint()));
    buffer
        .putInt(header.channels())
        .putInt(header.height())
        .putInt(header.width())
        .putInt(header.keys().size());
    buffer.putLong(header.dataOffset()).putInt(keys.length).put(keys);
    buffer.flip();
    writeFully(channel, buffer, 0);
  }

  /** The header, or empty if the file is not a complete cache file of this version. */
  static Optional<Header> readHeader(FileChannel channel) throws IOException {
    long size = channel.size();
    if (size < FIXED_BYTES) {
      return Optional.empty();
    }
    ByteBuffer fixed = readFully(channel, 0, FIXED_BYTES);
    byte[] magic = new byte[MAGIC.length];
    fixed.get(magic);
    if (!Arrays.equals(magic, MAGIC) || fixed.getInt() != VERSION) {
      return Optional.empty();
    }
    byte[] fingerprint = new byte[32];
    fixed.get(fingerprint);
    int channels = fixed.getInt();
    int height = fixed.getInt();
    int width = fixed.getInt();
    int count = fixed.getInt();
    long dataOffset = fixed.getLong();
    int keysLength = fixed.getInt();
    if (channels < 1
        || height < 1
        || width < 1
        || count < 1
        || keysLength < 0
        || dataOffset < FIXED_BYTES + (long) keysLength
        || dataOffset > size) {
      return Optional.empty();
    }
    String keys =
        StandardCharsets.UTF_8.decode(readFully(channel, FIXED_BYTES, keysLength)).toString();
    List<String> keyList = List.of(keys.split("\n", -1));
    Header header =
        new Header(
            HexFormat.of().formatHex(fingerprint), channels, height, width, keyList, dataOffset);
    return keyList.size() == count && header.fileSize() == size
        ? Optional.of(header)
        : Optional.empty();
  }

  static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      at += channel.write(buffer, at);
    }
  }

  private static ByteBuffer readFully(FileChannel channel, long position, int length)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    long at = position;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, at);
      if (read < 0) {
        throw new IOException("cache file ends early at byte " + at);
      }
      at += read;
    }
    return buffer.flip();
  }
}
