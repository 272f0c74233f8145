package org.facesearch.data.timing;

import java.util.Optional;

/**
 * The steps a photo goes through between an upload and an answer, in order, as {@link StageTimes}
 * times them: the names are what the web server's {@code Server-Timing} header and {@code
 * facesearch bench web} print.
 */
public enum Stage {
  UPLOAD("upload", "reading the multipart form"),
  DECODE("decode", "decoding the photo"),
  DETECT("detect", "finding the faces (the detector network)"),
  FRAME("frame", "framing each face like LFW"),
  LANDMARKS("landmarks", "the 68-point landmark network with its input crop"),
  ALIGN("align", "the face as the model's input: warped onto its template, cropped, resized"),
  WAIT(
      "wait",
      "waiting for a network other requests share: the detector's lock, the embedding worker"),
  EMBED("embed", "the embedding network's forward passes"),
  SEARCH("search", "the nearest gallery images"),
  RESPOND("respond", "the face crop's JPEG and the JSON answer");

  private final String id;
  private final String description;

  Stage(String id, String description) {
    this.id = id;
    this.description = description;
  }

  /** A short lower-case token, e.g. {@code landmarks}: a {@code Server-Timing} metric name. */
  public String id() {
    return id;
  }

  /** What the stage covers, for people reading a header or a table. */
  public String description() {
    return description;
  }

  /** The stage named {@code id}, or empty. */
  public static Optional<Stage> of(String id) {
    for (Stage stage : values()) {
      if (stage.id.equals(id)) {
        return Optional.of(stage);
      }
    }
    return Optional.empty();
  }
}
