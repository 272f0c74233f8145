package org.facesearch.model.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.facesearch.model.onnx.ActivationRange;
import org.facesearch.model.onnx.Equalization;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a bundle's network needs to run in int8 ({@value #FILE} beside its weights): the range of
 * each activation its int8 export stores, read off sample faces, for the weights whose SHA-256 it
 * names, whether the export balances its residual branches first ({@link Equalization}: the ranges
 * belong to the export they were read off), and how closely the int8 network agreed with the fp32
 * one when it was made. Written by {@code facesearch models quantize}; without it a bundle runs in
 * fp32.
 */
public record Int8Calibration(
    String weightsSha256,
    int weightLevels,
    Equalization equalization,
    int faces,
    String calibrationData,
    List<ActivationRange> ranges,
    Map<String, Double> agreement,
    Instant created) {
  public static final String FILE = "int8.json";

  /**
   * Weights in 7 bits either side of zero: on a CPU without VNNI (AVX2), ONNX Runtime's u8 x s8
   * products are summed in pairs into int16, which 8-bit weights can overflow. On the default
   * model, 127 levels gave cosines to fp32 as low as 0.36; 63 levels at least 0.995.
   */
  public static final int DEFAULT_WEIGHT_LEVELS = 63;

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  public Int8Calibration {
    if (weightsSha256 == null || !SHA256.matcher(weightsSha256).matches()) {
      throw new IllegalArgumentException(
          "weightsSha256 must be 64 lower-case hex digits, got " + weightsSha256);
    }
    if (weightLevels < 1 || weightLevels > 127) {
      throw new IllegalArgumentException("int8 weights have 1 to 127 levels, got " + weightLevels);
    }
    Objects.requireNonNull(equalization, "equalization");
    if (faces < 1) {
      throw new IllegalArgumentException("a calibration needs at least one face, got " + faces);
    }
    Objects.requireNonNull(calibrationData, "calibrationData");
    ranges = List.copyOf(ranges);
    if (ranges.isEmpty()) {
      throw new IllegalArgumentException("a calibration holds at least one activation range");
    }
    agreement = Map.copyOf(agreement);
    Objects.requireNonNull(created, "created");
  }

  /** This calibration with how the int8 network agreed with fp32 recorded. */
  public Int8Calibration withAgreement(Map<String, Double> measured) {
    return new Int8Calibration(
        weightsSha256,
        weightLevels,
        equalization,
        faces,
        calibrationData,
        ranges,
        measured,
        created);
  }

  /**
   * Writes {@value #FILE} into {@code bundle}, replacing any there, atomically: a temporary file
   * beside it, renamed over it.
   */
  public void writeInto(Path bundle) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", 1);
    root.put("weightsSha256", weightsSha256);
    root.put("weightLevels", weightLevels);
    root.put("equalization", equalization.id());
    root.put("faces", faces);
    root.put("calibrationData", calibrationData);
    root.put("created", created.toString());
    ObjectNode measured = root.putObject("agreement");
    new java.util.TreeMap<>(agreement).forEach(measured::put);
    ArrayNode list = root.putArray("ranges");
    for (ActivationRange r : ranges) {
      list.addObject().put("scale", r.scale()).put("zeroPoint", r.zeroPoint());
    }
    BundleFiles.write(bundle, FILE, JSON.writeValueAsString(root) + "\n");
  }

  /**
   * Reads {@code file}.
   *
   * @throws InvalidModelBundleException naming the file and what is wrong with it
   */
  public static Int8Calibration read(Path file) {
    try {
      JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
      if (root.path("format").asInt(0) != 1) {
        throw new IllegalArgumentException("unknown format " + root.path("format"));
      }
      List<ActivationRange> ranges = new ArrayList<>();
      for (JsonNode r : root.path("ranges")) {
        ranges.add(
            new ActivationRange((float) r.path("scale").asDouble(), r.path("zeroPoint").asInt(-1)));
      }
      Map<String, Double> agreement = new LinkedHashMap<>();
      root.path("agreement")
          .properties()
          .forEach(e -> agreement.put(e.getKey(), e.getValue().asDouble()));
      return new Int8Calibration(
          root.path("weightsSha256").asString(null),
          root.path("weightLevels").asInt(0),
          // Absent from the files made before equalisation was measured: they are not balanced.
          Equalization.fromId(root.path("equalization").asString(Equalization.NONE.id())),
          root.path("faces").asInt(0),
          root.path("calibrationData").asString(""),
          ranges,
          agreement,
          Instant.parse(root.path("created").asString("")));
    } catch (IOException e) {
      throw new InvalidModelBundleException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (JacksonException | IllegalArgumentException | java.time.DateTimeException e) {
      throw new InvalidModelBundleException(
          file
              + " is not a valid int8 calibration ("
              + e.getMessage()
              + "); make it again with facesearch models quantize",
          e);
    }
  }
}
